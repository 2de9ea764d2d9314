package io.tierserve.policy.execution;

import io.tierserve.policy.model.ConfidenceBins;

/**
 * What every policy needs per stage while serving: confidence (and agreement with the parent) to state, state to grid index of its
 * loss, and the deadline check.
 *
 * <p>Without bins (solver command-line instances, whose states are grid indices) the confidence
 * passed to {@link CascadeWalk#reveal} is read as the state index itself, clamped to the valid
 * range.
 */
final class StageLookup {

    private final int[][] lossIndex;
    private final ConfidenceBins bins;
    private final long[] p99Nanos;

    StageLookup(int[][] lossIndex, ConfidenceBins bins, long[] p99Nanos) {
        this.lossIndex = lossIndex;
        this.bins = bins;
        this.p99Nanos = p99Nanos;
    }

    int stageCount() {
        return lossIndex.length;
    }

    /**
     * The state a stage revealed; {@code agreesWithParent} (its prediction equals its parent's)
     * matters only for stages whose state records agreement.
     */
    int state(int stage, double confidence, boolean agreesWithParent) {
        if (bins != null) {
            return bins.stateOf(stage, confidence, agreesWithParent);
        }
        int last = lossIndex[stage].length - 1;
        if (!(confidence > 0)) {
            return 0;
        }
        return confidence >= last ? last : (int) confidence;
    }

    int lossIndex(int stage, int state) {
        return lossIndex[stage][state];
    }

    /** True when the stage's high-percentile latency fits into the time left. */
    boolean fits(int stage, long remainingNanos) {
        return p99Nanos == null || p99Nanos[stage] <= remainingNanos;
    }
}
