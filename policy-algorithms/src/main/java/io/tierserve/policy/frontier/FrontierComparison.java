package io.tierserve.policy.frontier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares strategies at equal accuracy.
 *
 * <p>A strategy's achievable latency at accuracy {@code a} is the lower convex hull of its points:
 * a randomised mix of two points is a valid policy with the interpolated accuracy and latency
 * (docs/algorithms.md#replay-and-evaluation).
 */
public final class FrontierComparison {

    private FrontierComparison() {}

    /**
     * The least mean latency a mix of {@code rows} reaches at accuracy at least {@code accuracy};
     * {@code NaN} when no row is that accurate.
     */
    public static double latencyAtAccuracy(List<FrontierRow> rows, double accuracy) {
        List<FrontierRow> hull = lowerHull(rows);
        double best = Double.NaN;
        for (int i = 0; i < hull.size(); i++) {
            FrontierRow r = hull.get(i);
            if (r.accuracy() >= accuracy && (Double.isNaN(best) || r.meanLatencyMs() < best)) {
                best = r.meanLatencyMs();
            }
            if (i > 0) {
                FrontierRow lo = hull.get(i - 1);
                if (lo.accuracy() < accuracy && r.accuracy() >= accuracy) {
                    double t = (accuracy - lo.accuracy()) / (r.accuracy() - lo.accuracy());
                    double latency = lo.meanLatencyMs() + t * (r.meanLatencyMs() - lo.meanLatencyMs());
                    best = Double.isNaN(best) ? latency : Math.min(best, latency);
                }
            }
        }
        return best;
    }

    /** The points on the lower-right convex hull in the (accuracy, latency) plane, by ascending accuracy. */
    static List<FrontierRow> lowerHull(List<FrontierRow> rows) {
        List<FrontierRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble(FrontierRow::accuracy).thenComparingDouble(FrontierRow::meanLatencyMs));
        List<FrontierRow> hull = new ArrayList<>();
        for (FrontierRow p : sorted) {
            // A point no more accurate but slower than the hull's last is dominated.
            if (!hull.isEmpty()
                    && p.meanLatencyMs() <= hull.get(hull.size() - 1).meanLatencyMs()) {
                // A more accurate point that is also faster dominates earlier points.
                while (!hull.isEmpty() && hull.get(hull.size() - 1).meanLatencyMs() >= p.meanLatencyMs()) {
                    hull.remove(hull.size() - 1);
                }
            }
            while (hull.size() >= 2 && !convex(hull.get(hull.size() - 2), hull.get(hull.size() - 1), p)) {
                hull.remove(hull.size() - 1);
            }
            hull.add(p);
        }
        return hull;
    }

    /** Whether b lies strictly below the chord from a to c (latency as a function of accuracy). */
    private static boolean convex(FrontierRow a, FrontierRow b, FrontierRow c) {
        double cross = (b.accuracy() - a.accuracy()) * (c.meanLatencyMs() - a.meanLatencyMs())
                - (c.accuracy() - a.accuracy()) * (b.meanLatencyMs() - a.meanLatencyMs());
        return cross > 0;
    }
}
