package io.tierserve.platform.ratelimit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A tenant's limits across all its tiers; null means unlimited.
 *
 * @param rateLimitPerSecond requests per second, counted over every instance
 * @param quotaPerDay requests per UTC day
 */
record TenantLimits(
        @Min(1) @Max(1_000_000) Integer rateLimitPerSecond,
        @Min(1) @Max(10_000_000_000L) Long quotaPerDay) {}
