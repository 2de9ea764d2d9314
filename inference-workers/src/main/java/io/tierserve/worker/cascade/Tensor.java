package io.tierserve.worker.cascade;

import java.util.Arrays;

/**
 * A stage's input: a dense float tensor (row-major data and its shape, batch axis included), or one
 * text (shape {@code [1]}, no float data) for a cascade whose input kind is {@code text}.
 *
 * @param text the text of a text input, else {@code null}
 */
public record Tensor(float[] data, long[] shape, String text) {

    public Tensor {
        if (text != null) {
            if (data.length != 0 || shape.length != 1 || shape[0] != 1) {
                throw new IllegalArgumentException("a text input has shape [1] and no float data");
            }
        } else {
            long size = 1;
            for (long dim : shape) {
                size *= dim;
            }
            if (size != data.length) {
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
            }
        }
    }

    /** A float tensor. */
    public Tensor(float[] data, long[] shape) {
        this(data, shape, null);
    }

    /** One text as a stage input. */
    public static Tensor ofText(String text) {
        return new Tensor(new float[0], new long[] {1}, text);
    }

    public boolean isText() {
        return text != null;
    }
}
