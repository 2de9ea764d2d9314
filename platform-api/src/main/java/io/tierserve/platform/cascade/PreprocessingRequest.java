package io.tierserve.platform.cascade;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** How an image becomes a stage input: grayscale, resized, then {@code (pixel / 255 - mean) / std}. */
public record PreprocessingRequest(
        @NotNull Double mean, @NotNull @Positive Double std) {}
