package io.tierserve.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The TierServe platform: control plane, public API and, in standalone mode, everything else. */
@SpringBootApplication
public class TierServeApplication {

    public static void main(String[] args) {
        SpringApplication.run(TierServeApplication.class, args);
    }
}
