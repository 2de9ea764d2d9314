package io.tierserve.worker.cascade;

/**
 * What one stage produced for one input.
 *
 * @param hidden the trunk's output that child exits continue from, or {@code null} when no child
 *     needs it
 * @param probabilities the class probabilities (softmax of the logits)
 */
public record StageOutput(Tensor hidden, float[] probabilities) {

    /** The predicted class: the first index of the largest probability. */
    public int prediction() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The stage's confidence: its largest class probability. */
    public double confidence() {
        return probabilities[prediction()];
    }
}
