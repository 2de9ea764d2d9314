package io.tierserve.policy.baseline;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;

/** Confidence threshold θ: return the first stage on the path whose confidence is at least θ, else the last. */
public final class ThresholdPolicy implements CascadePolicy {

    private final int stageCount;
    private final int[] path;
    private final double threshold;
    private final long[] p99Nanos;

    /** @param p99Nanos per stage p99 latency for deadline checks, or {@code null} to ignore deadlines */
    public ThresholdPolicy(int stageCount, int[] path, double threshold, long[] p99Nanos) {
        this.stageCount = stageCount;
        this.path = CascadePaths.checked(path, stageCount);
        this.threshold = threshold;
        this.p99Nanos = p99Nanos;
    }

    @Override
    public int stageCount() {
        return stageCount;
    }

    @Override
    public CascadeWalk newWalk() {
        return new PathWalk(path, p99Nanos) {
            @Override
            boolean stopAfter(int position, double confidence) {
                return confidence >= threshold;
            }
        };
    }

    @Override
    public String toString() {
        return "threshold " + threshold;
    }
}
