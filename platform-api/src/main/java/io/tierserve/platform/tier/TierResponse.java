package io.tierserve.platform.tier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tier as the API shows it, with its current status: per cascade and device class, the active
 * policy version and whether it keeps the tier's promise ({@code serving}; empty after a change,
 * until the recomputation has run).
 */
record TierResponse(
        UUID id,
        String name,
        String description,
        ObjectiveKind objective,
        Double accuracyTolerance,
        Double latencyBudgetMs,
        Double deadlineMs,
        int priority,
        Integer rateLimitPerSecond,
        Long quotaPerDay,
        boolean defaultTier,
        String deviceClass,
        long version,
        Instant createdAt,
        Instant updatedAt,
        List<TierServing> serving) {

    static TierResponse of(Tier tier) {
        return of(tier, List.of());
    }

    static TierResponse of(Tier tier, List<TierServing> serving) {
        return new TierResponse(
                tier.id(),
                tier.name(),
                tier.description(),
                tier.objective(),
                tier.accuracyTolerance(),
                tier.latencyBudgetMs(),
                tier.deadlineMs(),
                tier.priority(),
                tier.rateLimitPerSecond(),
                tier.quotaPerDay(),
                tier.isDefault(),
                tier.deviceClass(),
                tier.version(),
                tier.createdAt(),
                tier.updatedAt(),
                serving);
    }
}
