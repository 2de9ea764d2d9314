package io.tierserve.platform.inference;

import io.tierserve.worker.execution.TextLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * One input of a public API batch: exactly one of an image, a tensor and a text.
 *
 * @param image a PNG or JPEG image, base64-encoded
 * @param text a text, for a cascade that reads text
 */
record PublicInput(
        @Size(max = 16_000_000) String image,
        @Valid TensorInput tensor,
        @Size(max = TextLimits.MAX_CHARS) String text) {

    /** An image or tensor input. */
    PublicInput(String image, TensorInput tensor) {
        this(image, tensor, null);
    }

    /** Whether this input plainly meets its constraints (see {@link PublicPredictRequest#plainlyValid()}). */
    boolean plainlyValid() {
        return plainlyValid(image, tensor, text);
    }

    static boolean plainlyValid(String image, TensorInput tensor, String text) {
        return (image == null || image.length() <= 16_000_000)
                && (tensor == null || tensor.plainlyValid())
                && (text == null || text.length() <= TextLimits.MAX_CHARS);
    }
}
