package io.tierserve.policy.estimation;

import java.util.Arrays;

/**
 * Upper edges of per-stage quantile bins that stay well defined under ties.
 *
 * <p>Bin {@code j} should close where the cumulative count reaches {@code j·N/m}; with ties the
 * count jumps, so each bin closes at the distinct value whose cumulative count is nearest its
 * target, and a target that is nearer the previous edge than any later value is skipped (its bin
 * merges with the previous one). Edges are distinct data values below the maximum, so every bin
 * holds at least one fitted sample and there are at most {@code min(m, distinct values)} bins.
 */
final class QuantileBins {

    private QuantileBins() {}

    static double[] upperEdges(double[] confidences, int m) {
        int n = confidences.length;
        double[] sorted = confidences.clone();
        Arrays.sort(sorted);
        double[] values = new double[n];
        long[] cum = new long[n];
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct > 0 && sorted[i] == values[distinct - 1]) {
                cum[distinct - 1]++;
            } else {
                values[distinct] = sorted[i];
                cum[distinct] = (distinct == 0 ? 0 : cum[distinct - 1]) + 1;
                distinct++;
            }
        }
        double[] edges = new double[Math.max(0, Math.min(m, distinct) - 1)];
        int count = 0;
        int last = -1;
        double lastCum = 0;
        for (int j = 1; j < m && count < edges.length; j++) {
            double target = (double) j * n / m;
            int best = last + 1;
            if (best >= distinct - 1) {
                break;
            }
            while (best + 1 < distinct - 1 && Math.abs(cum[best + 1] - target) <= Math.abs(cum[best] - target)) {
                best++;
            }
            if (Math.abs(cum[best] - target) < Math.abs(lastCum - target)) {
                edges[count++] = values[best];
                last = best;
                lastCum = cum[best];
            }
        }
        return Arrays.copyOf(edges, count);
    }
}
