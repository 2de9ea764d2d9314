package io.tierserve.policy.execution;

/**
 * The optimal no-recall policy of a line (docs/algorithms.md#without-recall): after stage {@code i}
 * revealed state {@code r}, run stage {@code i + 1} iff {@code proceed[i][r]}; the answer is the
 * last stage run.
 */
final class NoRecallPolicy implements CascadePolicy {

    private final StageLookup stages;
    private final boolean[][] proceed;

    NoRecallPolicy(StageLookup stages, boolean[][] proceed) {
        this.stages = stages;
        this.proceed = proceed;
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
        private int lastPrediction;

        @Override
        public void start(double coin) {
            last = -1;
            lastState = 0;
        }

        @Override
        public int next(long remainingNanos) {
            int action;
            if (last == -1) {
                action = 0;
            } else if (last == proceed.length - 1 || !proceed[last][lastState]) {
                action = STOP;
            } else {
                action = last + 1;
            }
            return action != STOP && stages.fits(action, remainingNanos) ? action : STOP;
        }

        @Override
        public void reveal(int stage, int prediction, double confidence) {
            if (stage != last + 1) {
                throw new IllegalStateException("stage " + stage + " cannot follow stage " + last);
            }
            lastState = stages.state(stage, confidence, last != -1 && lastPrediction == prediction);
            last = stage;
            lastPrediction = prediction;
        }

        @Override
        public int answer() {
            return last == -1 ? STOP : last;
        }
    }
}
