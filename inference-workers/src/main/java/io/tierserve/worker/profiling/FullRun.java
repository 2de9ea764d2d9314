package io.tierserve.worker.profiling;

import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.StageOutput;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.execution.NonFiniteOutputException;

/**
 * Runs every stage of a cascade on one live input, parents first, as {@link Profiler} does for a
 * dataset: what a profile needs of a sample (each stage's prediction and confidence), whatever
 * stages the serving policy ran.
 *
 * <p>Live requests are answered by the stages their policy chose; a sample for a live profile
 * needs every stage's output, so a sampled share of requests is run once more in full.
 */
public final class FullRun {

    private FullRun() {}

    /**
     * Every stage's output on {@code input}, in the manifest's stage order.
     *
     * @throws io.tierserve.worker.execution.InvalidInputException when the input does not fit the cascade
     */
    public static Outputs run(InferenceEngine engine, String cascade, InferenceInput input) {
        CascadeManifest manifest = engine.manifest(cascade);
        Tensor decoded = engine.preprocess(cascade, input);
        int[] parents = manifest.parents();
        boolean earlyExit = manifest.cascadeKind() == CascadeKind.EARLY_EXIT;
        return engine.withSession(cascade, session -> {
            StageOutput[] outputs = new StageOutput[parents.length];
            int[] predictions = new int[parents.length];
            double[] confidences = new double[parents.length];
            for (int s = 0; s < parents.length; s++) {
                Tensor stageInput = earlyExit && parents[s] >= 0 ? outputs[parents[s]].hidden() : decoded;
                outputs[s] = NonFiniteOutputException.check(
                        manifest.name(), manifest.stages().get(s).id(), session.run(s, stageInput));
                predictions[s] = outputs[s].prediction();
                confidences[s] = outputs[s].confidence();
            }
            return new Outputs(predictions, confidences);
        });
    }

    /** Per stage (manifest order), the predicted class and its confidence. */
    public record Outputs(int[] predictions, double[] confidences) {}
}
