package io.tierserve.platform.inference;

import io.tierserve.worker.execution.TextLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A {@code /v1} prediction: one input ({@code image}, {@code tensor} or {@code text}) or a small
 * batch ({@code inputs}), a tier and an optional deadline.
 *
 * @param tier the tier; else the {@code X-Tolerance-Tier} header; else the tenant's default tier
 * @param inputs a batch of inputs, each answered on its own (at most {@link PublicPredictions#MAX_BATCH})
 * @param deadlineMs tightens the tier's deadline, never loosens it
 * @param scores {@code true} to get the answering stage's score of every class with each answer
 * @param text the text, for a cascade that reads text (at most {@link TextLimits#MAX_CHARS} characters)
 */
record PublicPredictRequest(
        @Size(max = 63) String tier,
        @Size(max = 16_000_000) String image,
        @Valid TensorInput tensor,
        List<@NotNull @Valid PublicInput> inputs,

        @DecimalMin(value = "0", inclusive = false) @DecimalMax("3600000")
        Double deadlineMs,

        Boolean scores,
        @Size(max = TextLimits.MAX_CHARS) String text) {

    /** A request without a text. */
    PublicPredictRequest(
            String tier,
            String image,
            TensorInput tensor,
            List<PublicInput> inputs,
            Double deadlineMs,
            Boolean scores) {
        this(tier, image, tensor, inputs, deadlineMs, scores, null);
    }

    /**
     * Whether the request plainly meets every constraint declared above, checked by hand: the
     * inference fast lane runs Bean Validation only for a request that does not (to name what is
     * wrong), since nearly every request does. {@code PublicPredictRequestTests} holds the two to
     * the same verdict.
     */
    boolean plainlyValid() {
        return (tier == null || tier.length() <= 63)
                && PublicInput.plainlyValid(image, tensor, text)
                && (inputs == null || inputs.stream().allMatch(input -> input != null && input.plainlyValid()))
                && (deadlineMs == null || deadlineMs > 0 && deadlineMs <= 3_600_000);
    }
}
