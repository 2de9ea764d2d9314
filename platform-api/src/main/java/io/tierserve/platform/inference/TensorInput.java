package io.tierserve.platform.inference;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A tensor already in the cascade's input layout (normalised), row-major.
 *
 * @param shape the input shape, with or without a leading batch axis of 1 (the demo: {@code [1, 28, 28]})
 */
record TensorInput(
        @NotNull @Size(min = 1, max = 8) long[] shape,
        @NotNull @Size(min = 1, max = 1_048_576) float[] data) {

    /** Whether this tensor plainly meets its constraints (see {@link PublicPredictRequest#plainlyValid()}). */
    boolean plainlyValid() {
        return shape != null
                && shape.length >= 1
                && shape.length <= 8
                && data != null
                && data.length >= 1
                && data.length <= 1_048_576;
    }
}
