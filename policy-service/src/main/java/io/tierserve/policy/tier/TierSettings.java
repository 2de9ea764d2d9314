package io.tierserve.policy.tier;

import io.tierserve.policy.estimation.EstimationSettings;

/**
 * Settings of {@link TierResolver}.
 *
 * @param estimation how the model is estimated from the fit half
 * @param seed seed of the fit / held-out split
 * @param bisectionSteps halvings of the log-μ bracket
 * @param conservativePoints log-spaced μ values tried when the planned policy's bound misses
 * @param safetyFactor the plan tightens the constraint by this many expected held-out bound
 *     half-widths, so the planned policy usually passes its held-out check
 */
public record TierSettings(
        EstimationSettings estimation, long seed, int bisectionSteps, int conservativePoints, double safetyFactor) {

    public static TierSettings defaults() {
        return new TierSettings(EstimationSettings.defaults(), 1L, 50, 48, 1.5);
    }

    public TierSettings withSafetyFactor(double factor) {
        return new TierSettings(estimation, seed, bisectionSteps, conservativePoints, factor);
    }
}
