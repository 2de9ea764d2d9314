package io.tierserve.policy.model;

/**
 * Maps a stage's confidence to its state (bin) in a {@link MarkovCascade}: per stage, ascending
 * upper edges of quantile bins; the last bin is open above.
 *
 * <p>{@code upperEdges[v][b]} is the largest confidence that falls in bin {@code b} of stage
 * {@code v}; stage {@code v} has {@code upperEdges[v].length + 1} bins. Lookup is a binary search
 * over a primitive array: allocation-free, {@code O(log m)}.
 */
public final class ConfidenceBins {

    private final double[][] upperEdges;

    public ConfidenceBins(double[][] upperEdges) {
        for (int v = 0; v < upperEdges.length; v++) {
            for (int b = 1; b < upperEdges[v].length; b++) {
                if (!(upperEdges[v][b] >= upperEdges[v][b - 1])) {
                    throw new IllegalArgumentException("stage " + v + ": bin edges must ascend at " + b);
                }
            }
        }
        this.upperEdges = upperEdges;
    }

    public int stageCount() {
        return upperEdges.length;
    }

    public int bins(int stage) {
        return upperEdges[stage].length + 1;
    }

    /** The upper edges of a stage's bins (owned by this object; do not modify). */
    public double[] upperEdges(int stage) {
        return upperEdges[stage];
    }

    /** The bin of {@code confidence} at {@code stage}: the first bin whose upper edge is >= it. */
    public int binOf(int stage, double confidence) {
        double[] edges = upperEdges[stage];
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] >= confidence) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
