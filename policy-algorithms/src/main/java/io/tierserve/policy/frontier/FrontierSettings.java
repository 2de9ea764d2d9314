package io.tierserve.policy.frontier;

import io.tierserve.policy.estimation.EstimationSettings;

/**
 * Settings of {@link FrontierBuilder}.
 *
 * @param estimation how the model is estimated from the fit half
 * @param seed seed of the fit / held-out split
 * @param muPoints number of log-spaced trade-off weights μ swept for each solver
 * @param thresholdPoints at most this many thresholds θ, at quantiles of the observed confidences
 * @param skips whether to add the recall-optimal policy with skip edges ({@link
 *     FrontierBuilder#RECALL_SKIPS}); only meaningful for a line of separately run models, where any
 *     stage may run straight after any earlier one at its own cost
 */
public record FrontierSettings(
        EstimationSettings estimation, long seed, int muPoints, int thresholdPoints, boolean skips) {

    /** Settings without skip edges. */
    public FrontierSettings(EstimationSettings estimation, long seed, int muPoints, int thresholdPoints) {
        this(estimation, seed, muPoints, thresholdPoints, false);
    }

    public static FrontierSettings defaults() {
        return new FrontierSettings(EstimationSettings.defaults(), 1L, 48, 200);
    }

    public FrontierSettings withSkips(boolean on) {
        return new FrontierSettings(estimation, seed, muPoints, thresholdPoints, on);
    }
}
