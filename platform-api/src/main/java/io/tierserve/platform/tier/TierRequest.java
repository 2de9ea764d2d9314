package io.tierserve.platform.tier;

import io.tierserve.platform.config.ResourceNames;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a tenant admin sends to create or replace a tier.
 *
 * @param accuracyTolerance for {@code ACCURACY_TOLERANCE}: the accuracy the tier may give up, 0 to 1
 * @param latencyBudgetMs for {@code LATENCY_BUDGET}: the expected latency the tier may spend
 * @param deadlineMs optional hard per-request cut-off; the best answer so far is returned then
 * @param priority 0 (lowest) to 9; 5 when absent
 * @param rateLimitPerSecond optional request limit of the tier per second, over every instance
 * @param quotaPerDay optional request quota of the tier per UTC day, over every instance
 * @param defaultTier whether requests that name no tier get this one
 * @param deviceClass optional device class (worker pool) the tier's requests go to first, when it
 *     has a worker up and an active policy version for the tier; the platform's order otherwise
 */
public record TierRequest(
        @NotBlank @Pattern(regexp = ResourceNames.PATTERN, message = ResourceNames.MESSAGE)
        String name,

        @Size(max = 2000) String description,
        @NotNull ObjectiveKind objective,
        @DecimalMin("0") @DecimalMax("1") Double accuracyTolerance,

        @DecimalMin(value = "0", inclusive = false) @DecimalMax("3600000")
        Double latencyBudgetMs,

        @DecimalMin(value = "0", inclusive = false) @DecimalMax("3600000")
        Double deadlineMs,

        @Min(0) @Max(9) Integer priority,
        @Min(1) @Max(1_000_000) Integer rateLimitPerSecond,
        @Min(1) @Max(10_000_000_000L) Long quotaPerDay,
        Boolean defaultTier,

        @Pattern(regexp = "cpu|gpu", message = "must be 'cpu' or 'gpu'")
        String deviceClass) {

    /** A tier with only an accuracy tolerance. */
    public static TierRequest accuracy(String name, String description, double tolerance, boolean defaultTier) {
        return new TierRequest(
                name,
                description,
                ObjectiveKind.ACCURACY_TOLERANCE,
                tolerance,
                null,
                null,
                null,
                null,
                null,
                defaultTier,
                null);
    }

    /** A tier with a latency budget that is also its deadline. */
    public static TierRequest latency(String name, String description, double budgetMs) {
        return new TierRequest(
                name,
                description,
                ObjectiveKind.LATENCY_BUDGET,
                null,
                budgetMs,
                budgetMs,
                null,
                null,
                null,
                false,
                null);
    }
}
