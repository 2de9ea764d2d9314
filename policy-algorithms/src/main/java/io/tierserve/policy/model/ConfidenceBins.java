package io.tierserve.policy.model;

/**
 * Maps what a stage reveals at serving time to its state in a {@link MarkovCascade}: per stage,
 * ascending upper edges of quantile bins of the confidence (the last bin is open above) and,
 * optionally, whether the stage's prediction agrees with its parent's.
 *
 * <p>{@code upperEdges[v][b]} is the largest confidence that falls in bin {@code b} of stage {@code
 * v}; stage {@code v} has {@code upperEdges[v].length + 1} bins. A stage with {@code agreement[v]}
 * has twice as many states: state {@code b} when its prediction differs from its parent's, {@code
 * bins(v) + b} when it agrees. Agreement with the parent (not with the best answer so far) keeps
 * the states Markov along edges, as the solvers require
 * (docs/algorithms.md#from-a-profile-to-the-model). Lookup is a binary search over a primitive
 * array: allocation-free, {@code O(log m)}.
 */
public final class ConfidenceBins {

    private final double[][] upperEdges;
    private final boolean[] agreement;

    /** Bins only: a stage's state is its confidence bin. */
    public ConfidenceBins(double[][] upperEdges) {
        this(upperEdges, null);
    }

    /**
     * Bins and, per stage, whether the state also records agreement with the parent's prediction.
     *
     * @param agreement one flag per stage, or {@code null} for none
     */
    public ConfidenceBins(double[][] upperEdges, boolean[] agreement) {
        for (int v = 0; v < upperEdges.length; v++) {
            for (int b = 1; b < upperEdges[v].length; b++) {
                if (!(upperEdges[v][b] >= upperEdges[v][b - 1])) {
                    throw new IllegalArgumentException("stage " + v + ": bin edges must ascend at " + b);
                }
            }
        }
        if (agreement != null && agreement.length != upperEdges.length) {
            throw new IllegalArgumentException("agreement needs one flag per stage");
        }
        this.upperEdges = upperEdges;
        this.agreement = agreement == null ? new boolean[upperEdges.length] : agreement;
    }

    public int stageCount() {
        return upperEdges.length;
    }

    public int bins(int stage) {
        return upperEdges[stage].length + 1;
    }

    /** Whether the stage's state records agreement with its parent's prediction. */
    public boolean agreement(int stage) {
        return agreement[stage];
    }

    /** True when some stage's state records agreement with its parent. */
    public boolean anyAgreement() {
        for (boolean a : agreement) {
            if (a) {
                return true;
            }
        }
        return false;
    }

    /** Number of states of a stage: its bins, doubled when it records agreement. */
    public int states(int stage) {
        return agreement[stage] ? 2 * bins(stage) : bins(stage);
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

    /**
     * The state of a stage that revealed {@code confidence}; {@code agreesWithParent} is read only
     * when the stage records agreement.
     */
    public int stateOf(int stage, double confidence, boolean agreesWithParent) {
        int bin = binOf(stage, confidence);
        return agreement[stage] && agreesWithParent ? bins(stage) + bin : bin;
    }
}
