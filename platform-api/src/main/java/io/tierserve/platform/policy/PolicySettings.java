package io.tierserve.platform.policy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** How a tenant's recomputed policy versions go live: {@code AUTOMATIC} at once, or after {@code APPROVAL}. */
record PolicySettings(
        @NotNull @Pattern(regexp = "AUTOMATIC|APPROVAL", message = "must be AUTOMATIC or APPROVAL")
        String activation) {}
