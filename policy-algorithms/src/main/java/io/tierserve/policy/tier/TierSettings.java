package io.tierserve.policy.tier;

import io.tierserve.policy.estimation.EstimationSettings;

/**
 * Settings of {@link TierResolver}.
 *
 * @param estimation how the Markov model is estimated from the fit half
 * @param seed seed of the fit / held-out split
 * @param muPoints log-spaced trade-off weights μ at which every μ-indexed family is fitted; a tier
 *     is served by the exact mix of two adjacent plans on the lower convex hull of those points
 * @param safetyFactor how far the fit half lets a tier's path go: to the last plan whose
 *     cross-fitted estimate keeps the promise with this many of the plan's own expected held-out
 *     bound half-widths to spare
 * @param crossFitFolds folds of the cross-fitted planning metrics ({@link CandidatePool}); 1 replays
 *     the served policy on its own fit samples instead (optimistic)
 * @param separateModels the cascade's stages are separately run models, so a stage may run without
 *     its parent: enables the recall-optimal family with skip edges
 */
public record TierSettings(
        EstimationSettings estimation,
        long seed,
        int muPoints,
        double safetyFactor,
        int crossFitFolds,
        boolean separateModels) {

    /** The safety factor {@code defaults()} uses (chosen by the promise coverage measurement, docs/benchmarks.md). */
    public static final double DEFAULT_SAFETY_FACTOR = 2.0;

    public TierSettings {
        if (muPoints < 2) {
            throw new IllegalArgumentException("muPoints must be at least 2, was " + muPoints);
        }
        if (!(safetyFactor >= 0)) {
            throw new IllegalArgumentException("safetyFactor must not be negative, was " + safetyFactor);
        }
    }

    public static TierSettings defaults() {
        return new TierSettings(EstimationSettings.defaults(), 1L, 32, DEFAULT_SAFETY_FACTOR, 5, false);
    }

    public TierSettings withEstimation(EstimationSettings e) {
        return new TierSettings(e, seed, muPoints, safetyFactor, crossFitFolds, separateModels);
    }

    public TierSettings withSeed(long s) {
        return new TierSettings(estimation, s, muPoints, safetyFactor, crossFitFolds, separateModels);
    }

    public TierSettings withSafetyFactor(double factor) {
        return new TierSettings(estimation, seed, muPoints, factor, crossFitFolds, separateModels);
    }

    public TierSettings withCrossFitFolds(int folds) {
        return new TierSettings(estimation, seed, muPoints, safetyFactor, folds, separateModels);
    }

    public TierSettings withMuPoints(int points) {
        return new TierSettings(estimation, seed, points, safetyFactor, crossFitFolds, separateModels);
    }

    public TierSettings withSeparateModels(boolean on) {
        return new TierSettings(estimation, seed, muPoints, safetyFactor, crossFitFolds, on);
    }
}
