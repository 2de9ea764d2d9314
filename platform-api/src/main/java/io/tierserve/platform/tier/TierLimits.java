package io.tierserve.platform.tier;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A tier's own limits, on top of the tenant's; null means unlimited.
 *
 * @param rateLimitPerSecond requests per second of this tier, counted over every instance
 * @param quotaPerDay requests per UTC day of this tier, counted over every instance
 */
record TierLimits(
        @Min(1) @Max(1_000_000) Integer rateLimitPerSecond,
        @Min(1) @Max(10_000_000_000L) Long quotaPerDay) {

    static TierLimits of(Tier tier) {
        return new TierLimits(tier.rateLimitPerSecond(), tier.quotaPerDay());
    }
}
