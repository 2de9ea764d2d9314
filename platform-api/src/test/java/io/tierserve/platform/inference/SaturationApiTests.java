package io.tierserve.platform.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With every execution permit taken, a request waits its turn and then answers 503 with Retry-After. */
@ApiTest
class SaturationApiTests {

    @LocalServerPort
    int port;

    @Autowired
    InProcessMember inProcess;

    @Test
    void aRequestThatFindsTheWorkersSaturatedPastTheWaitLimitGets503WithRetryAfter() {
        AdmissionGate gate = inProcess.gate();
        List<AdmissionGate.Permit> held = new ArrayList<>();
        ApiClient.Response v1;
        ApiClient.Response v2;
        try {
            for (int i = 0; i < gate.permits(); i++) {
                held.add(gate.enter(9));
            }
            v1 = ApiClient.withKey(port, ApiClient.DEMO_API_KEY)
                    .post(
                            "/v1/cascades/fashion-mnist/predict",
                            "{\"tier\":\"fast\",\"image\":\"%s\"}".formatted(TestImages.png(0)));
            v2 = ApiClient.withKey(port, ApiClient.DEMO_API_KEY)
                    .post(
                            "/v2/models/fashion-mnist/infer",
                            "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,28,28],\"datatype\":\"FP32\",\"data\":%s}]}"
                                    .formatted(zeros(784)));
        } finally {
            held.forEach(AdmissionGate.Permit::release);
        }

        assertThat(v1.status()).isEqualTo(503);
        assertThat(v1.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(v1.headers().getFirst("Retry-After"))).isPositive();
        assertThat(v2.status()).isEqualTo(503);
        assertThat(v2.headers().getFirst("Retry-After")).isNotBlank();
        assertThat(v2.json().path("error").asString()).contains("saturated");
        assertThat(ApiClient.withKey(port, ApiClient.DEMO_API_KEY)
                        .post(
                                "/v1/cascades/fashion-mnist/predict",
                                "{\"tier\":\"fast\",\"image\":\"%s\"}".formatted(TestImages.png(0)))
                        .status())
                .isEqualTo(200);
    }

    private static String zeros(int count) {
        return "[" + String.join(",", java.util.Collections.nCopies(count, "0.0")) + "]";
    }
}
