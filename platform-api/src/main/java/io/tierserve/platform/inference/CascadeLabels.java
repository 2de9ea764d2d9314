package io.tierserve.platform.inference;

import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import java.util.List;
import org.springframework.stereotype.Component;

/** The class names a served cascade predicts, by class index (what feedback labels are checked against). */
@Component
public class CascadeLabels {

    private final CascadeService cascades;
    private final InProcessWorker worker;

    CascadeLabels(CascadeService cascades, InProcessWorker worker) {
        this.cascades = cascades;
        this.worker = worker;
    }

    /**
     * The labels of the model files behind {@code cascade}, index = class index.
     *
     * @throws NotServableException (409) when no worker holds the cascade's models
     */
    public List<String> of(String tenant, String cascade) {
        CascadeStages stages = cascades.stages(tenant, cascade);
        String loaded =
                worker.cascadeFor(stages.artifactLocations()).orElseThrow(() -> NotServableException.noWorker(cascade));
        return worker.manifest(loaded).labels();
    }
}
