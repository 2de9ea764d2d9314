package io.tierserve.worker.execution;

import io.tierserve.worker.cascade.StageOutput;

/**
 * A stage's model produced a non-finite score (NaN or infinity) for an input: there is no answer
 * to give, since its prediction and confidence would be meaningless. Finite but extreme inputs can
 * do this (every value 3.4e38 overflows the first layer), so it is the input's fault, not the
 * worker's: an unprocessable request (422), never an answer.
 */
public final class NonFiniteOutputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private NonFiniteOutputException(String message) {
        super(message);
    }

    /** Throws when {@code output} holds a non-finite score. */
    public static StageOutput check(String cascade, String stage, StageOutput output) {
        float[] scores = output.probabilities();
        for (int i = 0; i < scores.length; i++) {
            if (!Float.isFinite(scores[i])) {
                throw new NonFiniteOutputException("stage '" + stage + "' of cascade '" + cascade
                        + "' produced a non-finite score (" + scores[i] + ") for class " + i
                        + " on this input; the input is outside what the model can process");
            }
        }
        return output;
    }
}
