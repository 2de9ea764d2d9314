package io.tierserve.worker.execution;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;

/** A test policy: runs the given stages in order (while time remains) and answers with a fixed stage. */
final class ScriptedPolicy implements CascadePolicy {

    private final int stageCount;
    private final int[] run;
    private final int answer;

    ScriptedPolicy(int stageCount, int[] run, int answer) {
        this.stageCount = stageCount;
        this.run = run;
        this.answer = answer;
    }

    @Override
    public int stageCount() {
        return stageCount;
    }

    @Override
    public CascadeWalk newWalk() {
        return new CascadeWalk() {
            private int next;
            private int revealed;

            @Override
            public void start(double coin) {
                next = 0;
                revealed = 0;
            }

            @Override
            public int next(long remainingNanos) {
                return next < run.length ? run[next++] : STOP;
            }

            @Override
            public void reveal(int stage, int prediction, double confidence) {
                revealed++;
            }

            @Override
            public int answer() {
                return revealed == 0 ? STOP : Math.min(answer, run[revealed - 1]);
            }
        };
    }
}
