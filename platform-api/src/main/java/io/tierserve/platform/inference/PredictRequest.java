package io.tierserve.platform.inference;

import io.tierserve.worker.execution.TextLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;

/**
 * One inference request: a tier and exactly one input.
 *
 * @param tier the tier's name; the tenant's default tier when absent
 * @param image a PNG or JPEG image, base64-encoded
 * @param tensor a tensor in the input layout
 * @param deadlineMs a per-request deadline; it can only tighten the tier's
 * @param scores whether the answer carries every class's score ({@code false} when absent)
 * @param text a text, for a cascade that reads text
 */
record PredictRequest(
        @Size(max = 63) String tier,
        @Size(max = 16_000_000) String image,
        @Valid TensorInput tensor,

        @DecimalMin(value = "0", inclusive = false) @DecimalMax("3600000")
        Double deadlineMs,

        Boolean scores,
        @Size(max = TextLimits.MAX_CHARS) String text) {

    boolean wantsScores() {
        return Boolean.TRUE.equals(scores);
    }
}
