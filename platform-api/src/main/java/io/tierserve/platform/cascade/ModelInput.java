package io.tierserve.platform.cascade;

import java.util.List;

/**
 * What a cascade's uploaded stage models read and output, which a worker needs besides the files.
 *
 * @param inputShape the input without the batch axis (e.g. {@code [1, 28, 28]}), or {@code null}
 * @param labels the class names by class index, or {@code null}
 * @param mean images are normalised as {@code (pixel / 255 - mean) / std}
 * @param std see {@code mean}; positive
 * @param output {@code logits} (the worker applies softmax) or {@code probabilities}
 */
public record ModelInput(List<Integer> inputShape, List<String> labels, double mean, double std, String output) {

    static final String LOGITS = "logits";
    static final String PROBABILITIES = "probabilities";
    static final ModelInput NONE = new ModelInput(null, null, 0, 1, LOGITS);

    /** Whether uploaded models can be checked and served: the shape and the labels are set. */
    public boolean defined() {
        return inputShape != null && labels != null;
    }
}
