package io.tierserve.platform.inference;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * One input of a public API batch: exactly one of an image and a tensor.
 *
 * @param image a PNG or JPEG image, base64-encoded
 */
record PublicInput(
        @Size(max = 16_000_000) String image, @Valid TensorInput tensor) {

    /** Whether this input plainly meets its constraints (see {@link PublicPredictRequest#plainlyValid()}). */
    boolean plainlyValid() {
        return plainlyValid(image, tensor);
    }

    static boolean plainlyValid(String image, TensorInput tensor) {
        return (image == null || image.length() <= 16_000_000) && (tensor == null || tensor.plainlyValid());
    }
}
