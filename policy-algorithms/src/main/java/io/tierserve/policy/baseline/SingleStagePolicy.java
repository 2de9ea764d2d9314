package io.tierserve.policy.baseline;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;

/** "One size fits all": run the path up to its {@code k}-th stage and return that stage's output. */
public final class SingleStagePolicy implements CascadePolicy {

    private final int stageCount;
    private final int[] path;
    private final int position;
    private final long[] p99Nanos;

    /**
     * @param position 0-based position on {@code path} of the stage that answers
     * @param p99Nanos per stage p99 latency for deadline checks, or {@code null} to ignore deadlines
     */
    public SingleStagePolicy(int stageCount, int[] path, int position, long[] p99Nanos) {
        this.stageCount = stageCount;
        this.path = CascadePaths.checked(path, stageCount);
        if (position < 0 || position >= path.length) {
            throw new IllegalArgumentException("position " + position + " is not on a path of " + path.length);
        }
        this.position = position;
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
            int lastPosition() {
                return position;
            }

            @Override
            boolean stopAfter(int at, double confidence) {
                return at >= position;
            }
        };
    }

    @Override
    public String toString() {
        return "single stage " + path[position];
    }
}
