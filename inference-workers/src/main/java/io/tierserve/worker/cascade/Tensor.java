package io.tierserve.worker.cascade;

import java.util.Arrays;

/** A dense float tensor: row-major data and its shape (batch axis included). */
public record Tensor(float[] data, long[] shape) {

    public Tensor {
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
