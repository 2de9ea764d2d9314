package io.tierserve.platform.inference;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * One input of a public API batch: exactly one of an image and a tensor.
 *
 * @param image a PNG or JPEG image, base64-encoded
 */
record PublicInput(
        @Size(max = 16_000_000) String image, @Valid TensorInput tensor) {}
