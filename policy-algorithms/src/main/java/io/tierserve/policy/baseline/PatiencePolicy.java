package io.tierserve.policy.baseline;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;

/**
 * Patience K (PABEE-style early exit): stop once K + 1 consecutive stages agree.
 *
 * <p>Returns the first stage on the path whose prediction equals the predictions of the K stages
 * before it, else the last stage.
 */
public final class PatiencePolicy implements CascadePolicy {

    private final int stageCount;
    private final int[] path;
    private final int patience;
    private final long[] p99Nanos;

    /** @param p99Nanos per stage p99 latency for deadline checks, or {@code null} to ignore deadlines */
    public PatiencePolicy(int stageCount, int[] path, int patience, long[] p99Nanos) {
        this.stageCount = stageCount;
        this.path = CascadePaths.checked(path, stageCount);
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, was " + patience);
        }
        this.patience = patience;
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
                if (position < patience) {
                    return false;
                }
                for (int back = 1; back <= patience; back++) {
                    if (predictions[position - back] != predictions[position]) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    @Override
    public String toString() {
        return "patience " + patience;
    }
}
