package io.tierserve.policy.baseline;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;

/**
 * The walk shared by the no-recall baselines.
 *
 * <p>It runs the path's stages in order until {@link #stopAfter} says so, the path ends, or the next
 * stage's p99 no longer fits the deadline, and answers with the last stage run (no recall).
 */
abstract class PathWalk implements CascadeWalk {

    private final int[] path;
    private final long[] p99Nanos;
    /** Predictions of the path's stages run so far, by position on the path. */
    protected final int[] predictions;

    private int position;
    private boolean stopped;

    PathWalk(int[] path, long[] p99Nanos) {
        this.path = path;
        this.p99Nanos = p99Nanos;
        this.predictions = new int[path.length];
    }

    /** Whether to stop after the stage at {@code position} on the path revealed its output. */
    abstract boolean stopAfter(int position, double confidence);

    /** The last position this walk may run (inclusive). */
    int lastPosition() {
        return path.length - 1;
    }

    @Override
    public final void start(double coin) {
        position = 0;
        stopped = false;
    }

    @Override
    public final int next(long remainingNanos) {
        if (stopped || position > lastPosition()) {
            return CascadePolicy.STOP;
        }
        int stage = path[position];
        // The first stage always runs: nothing is in hand before it.
        if (position > 0 && p99Nanos != null && p99Nanos[stage] > remainingNanos) {
            stopped = true;
            return CascadePolicy.STOP;
        }
        return stage;
    }

    @Override
    public final void reveal(int stage, int prediction, double confidence) {
        if (stage != path[position]) {
            throw new IllegalStateException("revealed stage " + stage + ", expected " + path[position]);
        }
        predictions[position] = prediction;
        if (stopAfter(position, confidence)) {
            stopped = true;
        }
        position++;
    }

    @Override
    public final int answer() {
        return position == 0 ? CascadePolicy.STOP : path[position - 1];
    }
}
