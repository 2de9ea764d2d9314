package io.tierserve.platform.tier;

import java.util.UUID;

/**
 * A tier's promise as other features read it (policy planning, serving).
 *
 * @param accuracyTolerance set for {@link ObjectiveKind#ACCURACY_TOLERANCE}
 * @param latencyBudgetMs set for {@link ObjectiveKind#LATENCY_BUDGET}
 * @param deadlineMs the tier's per-request cut-off, or {@code null}
 * @param priority 0 (lowest) to 9: who goes first when the workers are saturated
 */
public record TierDefinition(
        UUID id,
        String name,
        ObjectiveKind objective,
        Double accuracyTolerance,
        Double latencyBudgetMs,
        Double deadlineMs,
        int priority,
        boolean defaultTier) {

    static TierDefinition of(Tier tier) {
        return new TierDefinition(
                tier.id(),
                tier.name(),
                tier.objective(),
                tier.accuracyTolerance(),
                tier.latencyBudgetMs(),
                tier.deadlineMs(),
                tier.priority(),
                tier.isDefault());
    }
}
