package io.tierserve.policy.frontier;

import io.tierserve.policy.model.MarkovCascade;

/**
 * The range of trade-off weights μ worth sweeping for a model.
 *
 * <p>From {@code 1e-4 / Σc} (every loss difference above 1e-4 outweighs the whole cascade's cost:
 * the most accurate policy) to {@code 10 / min c} (no stage after a first one is worth its cost,
 * since losses are at most 1).
 */
public final class MuGrid {

    private MuGrid() {}

    public static double low(MarkovCascade model) {
        double sum = 0;
        for (int v = 0; v < model.stageCount(); v++) {
            sum += model.cost(v);
        }
        return 1e-4 / Math.max(sum, 1e-12);
    }

    public static double high(MarkovCascade model) {
        double min = Double.POSITIVE_INFINITY;
        for (int v = 0; v < model.stageCount(); v++) {
            if (model.parent(v) >= 0 && model.cost(v) > 0) {
                min = Math.min(min, model.cost(v));
            }
        }
        return 10 / (Double.isFinite(min) ? min : 1e-12);
    }

    /** {@code points} log-spaced values from {@link #low} to {@link #high}, ascending. */
    public static double[] logSpaced(MarkovCascade model, int points) {
        double lo = Math.log(low(model));
        double hi = Math.log(high(model));
        double[] mu = new double[points];
        for (int i = 0; i < points; i++) {
            mu[i] = Math.exp(points == 1 ? lo : lo + (hi - lo) * i / (points - 1));
        }
        return mu;
    }
}
