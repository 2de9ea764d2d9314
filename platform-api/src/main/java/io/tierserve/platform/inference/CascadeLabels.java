package io.tierserve.platform.inference;

import java.util.List;
import org.springframework.stereotype.Component;

/** The class names a served cascade predicts, by class index (what feedback labels are checked against). */
@Component
public class CascadeLabels {

    private final ServedCascades served;

    CascadeLabels(ServedCascades served) {
        this.served = served;
    }

    /**
     * The labels of the model files behind {@code cascade}, index = class index.
     *
     * @throws NotServableException (409) when no worker holds the cascade's models
     */
    public List<String> of(String tenant, String cascade) {
        return served.labels(tenant, cascade);
    }
}
