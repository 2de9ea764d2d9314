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
 * @param crossFitFolds folds of the cross-fitted planning metrics ({@link CrossFitPlanner}); 1
 *     replays the served policy on its own fit samples instead (optimistic)
 */
public record TierSettings(
        EstimationSettings estimation,
        long seed,
        int bisectionSteps,
        int conservativePoints,
        double safetyFactor,
        int crossFitFolds) {

    public static TierSettings defaults() {
        return new TierSettings(EstimationSettings.defaults(), 1L, 50, 48, 2.0, 5);
    }

    public TierSettings withEstimation(EstimationSettings e) {
        return new TierSettings(e, seed, bisectionSteps, conservativePoints, safetyFactor, crossFitFolds);
    }

    public TierSettings withSeed(long s) {
        return new TierSettings(estimation, s, bisectionSteps, conservativePoints, safetyFactor, crossFitFolds);
    }

    public TierSettings withSafetyFactor(double factor) {
        return new TierSettings(estimation, seed, bisectionSteps, conservativePoints, factor, crossFitFolds);
    }

    public TierSettings withCrossFitFolds(int folds) {
        return new TierSettings(estimation, seed, bisectionSteps, conservativePoints, safetyFactor, folds);
    }
}
