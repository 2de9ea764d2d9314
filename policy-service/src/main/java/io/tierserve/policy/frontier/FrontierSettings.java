package io.tierserve.policy.frontier;

import io.tierserve.policy.estimation.EstimationSettings;

/**
 * Settings of {@link FrontierBuilder}.
 *
 * @param estimation how the model is estimated from the fit half
 * @param seed seed of the fit / held-out split
 * @param muPoints number of log-spaced trade-off weights μ swept for each solver
 * @param thresholdPoints at most this many thresholds θ, at quantiles of the observed confidences
 */
public record FrontierSettings(EstimationSettings estimation, long seed, int muPoints, int thresholdPoints) {

    public static FrontierSettings defaults() {
        return new FrontierSettings(EstimationSettings.defaults(), 1L, 48, 200);
    }
}
