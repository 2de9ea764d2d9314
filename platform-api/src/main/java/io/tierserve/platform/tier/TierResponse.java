package io.tierserve.platform.tier;

import java.time.Instant;
import java.util.UUID;

/** A tier as the API shows it. */
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
        Instant updatedAt) {

    static TierResponse of(Tier tier) {
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
                tier.updatedAt());
    }
}
