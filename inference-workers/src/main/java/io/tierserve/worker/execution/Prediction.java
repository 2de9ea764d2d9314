package io.tierserve.worker.execution;

/**
 * The answer to one request.
 *
 * @param label the predicted class index
 * @param labelName its name from the manifest
 * @param probabilities the answering stage's class probabilities
 */
public record Prediction(String cascade, int label, String labelName, float[] probabilities, ExecutionTrace trace) {

    /** The answering stage's confidence (its largest probability). */
    public double confidence() {
        return probabilities[label];
    }
}
