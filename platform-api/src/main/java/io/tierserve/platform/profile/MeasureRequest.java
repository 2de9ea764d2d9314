package io.tierserve.platform.profile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A labelled dataset for the platform to profile a cascade on.
 *
 * @param name the stored profile's name ({@code measured-<time>} when absent)
 * @param warmup untimed runs before the timed pass (default 200)
 * @param samples the labelled inputs, at most {@value #MAX_SAMPLES}
 * @param deviceClass the pool whose worker measures ({@code cpu}, {@code gpu}); the platform's
 *     {@code tierserve.inference.device-class} when absent
 */
record MeasureRequest(
        @Size(max = 100) String name,
        @Min(0) @Max(10_000) Integer warmup,
        @NotEmpty @Size(max = MeasureRequest.MAX_SAMPLES) List<@NotNull @Valid Sample> samples,
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}") String deviceClass) {

    static final int MAX_SAMPLES = 20_000;

    /**
     * One labelled input: exactly one of an image (base64 PNG or JPEG) and a tensor.
     *
     * @param label the true class, by index or by name
     */
    record Sample(
            @NotNull Object label, String image, @Valid Tensor tensor) {}

    /** A tensor in the cascade's input layout, row-major. */
    record Tensor(
            @NotNull @Size(min = 1, max = 8) long[] shape,
            @NotNull @Size(min = 1, max = 1_048_576) float[] data) {}
}
