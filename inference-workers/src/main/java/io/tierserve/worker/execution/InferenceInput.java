package io.tierserve.worker.execution;

/** What a caller sends: an encoded image, a tensor already in the cascade's input layout, or a text. */
public sealed interface InferenceInput {

    /** A PNG or JPEG image, base64-encoded; preprocessed per the cascade's manifest. */
    record Image(String base64) implements InferenceInput {}

    /**
     * A tensor in the first stage's input layout, already preprocessed (normalised).
     *
     * @param shape the manifest's input shape, with or without a leading batch axis of 1
     */
    record Raw(long[] shape, float[] data) implements InferenceInput {}

    /** A text, for a cascade whose input kind is {@code text}. */
    record Text(String text) implements InferenceInput {}

    static InferenceInput image(String base64) {
        return new Image(base64);
    }

    static InferenceInput tensor(long[] shape, float[] data) {
        return new Raw(shape, data);
    }

    static InferenceInput text(String text) {
        return new Text(text);
    }
}
