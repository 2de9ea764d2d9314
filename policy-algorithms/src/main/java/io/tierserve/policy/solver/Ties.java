package io.tierserve.policy.solver;

/**
 * The tie rule shared by all solvers: stop rather than continue when both are equally good, and
 * prefer the earlier (cheaper) stage among equally good next stages.
 *
 * <p>Values that differ by at most {@link #EPSILON} (absolute; losses and scaled costs are of order
 * one) count as equal, so that a tie that holds in exact arithmetic (the golden example's {@code
 * σ(3, 0.5) = 0.5}) is not broken by rounding.
 */
final class Ties {

    static final double EPSILON = 1e-12;

    private Ties() {}

    /** True when stopping with {@code stop} is at least as good as continuing with {@code go}. */
    static boolean stopBeats(double stop, double go) {
        return stop <= go + EPSILON;
    }

    /** The largest grid index whose value is at or below {@code sigma} (ties count), or -1. */
    static int gridThreshold(double[] grid, double sigma) {
        int lo = 0;
        int hi = grid.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (grid[mid] <= sigma + EPSILON) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
