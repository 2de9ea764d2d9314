package io.tierserve.worker.server;

import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.profiling.LabelledInputs;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Labelled samples sent to {@code POST /profile}, preprocessed per the cascade's manifest. */
final class UploadedSamples {

    private static final int MAX_SAMPLES = 20_000;

    private UploadedSamples() {}

    static LabelledInputs of(JsonNode samples, CascadeManifest manifest, InferenceEngine engine) {
        if (samples.size() > MAX_SAMPLES) {
            throw new BadRequestException("at most " + MAX_SAMPLES + " samples per profile request");
        }
        List<Tensor> inputs = new ArrayList<>(samples.size());
        int[] labels = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            JsonNode sample = samples.get(i);
            JsonNode label = sample.get("label");
            if (label == null || !label.isIntegralNumber() || label.intValue() < 0) {
                throw new BadRequestException("'samples[" + i + "].label' must be a class index");
            }
            labels[i] = label.intValue();
            inputs.add(engine.preprocess(manifest.name(), RequestParsing.input(sample.get("input"))));
        }
        return LabelledInputs.of(inputs, labels);
    }
}
