package io.tierserve.policy.evaluation;

import java.util.Arrays;

/** Turns weighted per-sample outcomes into {@link Metrics}; weights let a mixture of two rules be evaluated exactly. */
final class MetricsCalculator {

    /** Two-sided 95 % normal quantile. */
    static final double Z = 1.959963984540054;

    private MetricsCalculator() {}

    /**
     * Metrics of serving {@code outcomes[j]} with probability {@code weights[j]} per request (the
     * weights sum to 1); every sample is counted once with each rule, weighted.
     */
    static Metrics of(Outcomes[] outcomes, double[] weights, int stageCount) {
        int n = outcomes[0].size();
        double accuracy = 0;
        double mean = 0;
        double secondMoment = 0;
        double recall = 0;
        double stagesRun = 0;
        double[] share = new double[stageCount];
        double[] latencies = new double[n * outcomes.length];
        double[] latencyWeights = new double[latencies.length];
        for (int j = 0; j < outcomes.length; j++) {
            Outcomes o = outcomes[j];
            // Sums per rule first, then one division: the mean of n equal weights stays exact.
            double correct = 0;
            double sum = 0;
            double squares = 0;
            double recalled = 0;
            double run = 0;
            double[] answered = new double[stageCount];
            for (int s = 0; s < n; s++) {
                if (o.correct()[s]) {
                    correct++;
                }
                double l = o.latencyMs()[s];
                sum += l;
                squares += l * l;
                if (o.recalled()[s]) {
                    recalled++;
                }
                run += o.stagesRun()[s];
                answered[o.answer()[s]]++;
                latencies[j * n + s] = l;
                latencyWeights[j * n + s] = weights[j] / n;
            }
            accuracy += weights[j] * (correct / n);
            mean += weights[j] * (sum / n);
            secondMoment += weights[j] * (squares / n);
            recall += weights[j] * (recalled / n);
            stagesRun += weights[j] * (run / n);
            for (int v = 0; v < stageCount; v++) {
                share[v] += weights[j] * (answered[v] / n);
            }
        }
        double variance = Math.max(0, secondMoment - mean * mean);
        double halfWidth = n > 1 ? Z * Math.sqrt(variance / (n - 1)) : Double.POSITIVE_INFINITY;
        double[] wilson = wilson(accuracy, n);
        double[] percentiles = percentiles(latencies, latencyWeights, new double[] {0.50, 0.95, 0.99});
        return new Metrics(
                n,
                accuracy,
                wilson[0],
                wilson[1],
                mean,
                Math.max(0, mean - halfWidth),
                mean + halfWidth,
                percentiles[0],
                percentiles[1],
                percentiles[2],
                share,
                recall,
                stagesRun);
    }

    /** Wilson score interval for a proportion {@code p} observed on {@code n} samples. */
    static double[] wilson(double p, int n) {
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        // At p = 0 or 1 the interval touches the boundary exactly; rounding must not move it off.
        double low = p <= 0 ? 0 : Math.max(0, centre - half);
        double high = p >= 1 ? 1 : Math.min(1, centre + half);
        return new double[] {low, high};
    }

    /** Weighted nearest-rank percentiles: the smallest value whose cumulative weight reaches q. */
    static double[] percentiles(double[] values, double[] weights, double[] qs) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] result = new double[qs.length];
        for (int q = 0; q < qs.length; q++) {
            double target = qs[q] * total - 1e-12;
            double cumulative = 0;
            result[q] = values[order[order.length - 1]];
            for (Integer i : order) {
                cumulative += weights[i];
                if (cumulative >= target && weights[i] > 0) {
                    result[q] = values[i];
                    break;
                }
            }
        }
        return result;
    }
}
