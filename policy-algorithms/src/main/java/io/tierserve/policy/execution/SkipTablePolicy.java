package io.tierserve.policy.execution;

/**
 * The recall-optimal policy of a line with skip edges (docs/algorithms.md#skip-edges): a full
 * action table.
 *
 * <p>After stage {@code i} revealed state {@code r} with best loss index {@code x} in hand, {@code
 * actions[i][r][x]} is the next stage or {@link CascadePolicy#STOP}; rows cover {@code x <= loss
 * index of (i, r)}, the only values {@code x} can take there. {@code rootAction} is the mandatory
 * first stage. The answer is the stage with the smallest revealed loss (the earlier on ties).
 */
final class SkipTablePolicy implements CascadePolicy {

    private final StageLookup stages;
    private final int rootAction;
    private final int[][][] actions;

    SkipTablePolicy(StageLookup stages, int rootAction, int[][][] actions) {
        this.stages = stages;
        this.rootAction = rootAction;
        this.actions = actions;
    }

    @Override
    public int stageCount() {
        return stages.stageCount();
    }

    @Override
    public CascadeWalk newWalk() {
        return new Walk();
    }

    private final class Walk implements CascadeWalk {

        private int last;
        private int lastState;
        private int bestIndex;
        private int best;

        @Override
        public void start(double coin) {
            last = -1;
            lastState = 0;
            bestIndex = Integer.MAX_VALUE;
            best = STOP;
        }

        @Override
        public int next(long remainingNanos) {
            int action = last == -1 ? rootAction : actions[last][lastState][bestIndex];
            return action != STOP && stages.fits(action, remainingNanos) ? action : STOP;
        }

        @Override
        public void reveal(int stage, int prediction, double confidence) {
            if (stage <= last) {
                throw new IllegalStateException("stage " + stage + " cannot follow stage " + last);
            }
            last = stage;
            lastState = stages.state(stage, confidence, false);
            int index = stages.lossIndex(stage, lastState);
            if (index < bestIndex) {
                bestIndex = index;
                best = stage;
            }
        }

        @Override
        public int answer() {
            return best;
        }
    }
}
