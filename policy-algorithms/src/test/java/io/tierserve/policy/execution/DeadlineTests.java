package io.tierserve.policy.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.solver.Solvers;
import org.junit.jupiter.api.Test;

/** The deadline rule: never start a stage whose p99 does not fit; answer with the best output so far. */
class DeadlineTests {

    /** Three stages where every state but the best one continues (zero costs). */
    private final MarkovCascade model = new MarkovCascade(
            new double[] {0.1, 0.5, 0.9},
            new int[] {-1, 0, 1},
            new double[] {0, 0, 0},
            new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}},
            new double[][] {{0.2, 0.5, 0.3}, null, null},
            new double[][][] {
                null,
                {{0.7, 0.2, 0.1}, {0.3, 0.4, 0.3}, {0.1, 0.3, 0.6}},
                {{0.8, 0.1, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.2, 0.7}}
            });

    private final long[] p99 = {100, 1000, 5000};

    @Test
    void aStageThatDoesNotFitIsNeverStartedAndTheBestSoFarAnswers() {
        for (CascadePolicy policy : new CascadePolicy[] {
            Solvers.recall(model, 1).toPolicy(null, p99),
            Solvers.recallByEquivalentLoss(model, 1).toPolicy(null, p99)
        }) {
            CascadeWalk walk = policy.newWalk();
            walk.start(0.5);
            assertThat(walk.next(2000)).isEqualTo(0);
            walk.reveal(0, 7, 1); // loss 0.5
            assertThat(walk.next(1000)).isEqualTo(1);
            walk.reveal(1, 7, 2); // loss 0.9: still worse than stage 0
            assertThat(walk.next(4999)).isEqualTo(CascadePolicy.STOP);
            assertThat(walk.answer()).isEqualTo(0);
        }
    }

    @Test
    void withoutADeadlineTheSameWalkRunsOn() {
        CascadeWalk walk = Solvers.recall(model, 1).toPolicy(null, p99).newWalk();
        walk.start(0.5);
        assertThat(walk.next(Long.MAX_VALUE)).isEqualTo(0);
        walk.reveal(0, 7, 1);
        assertThat(walk.next(Long.MAX_VALUE)).isEqualTo(1);
        walk.reveal(1, 7, 2);
        assertThat(walk.next(Long.MAX_VALUE)).isEqualTo(2);
    }

    @Test
    void whenNotEvenTheFirstStageFitsNothingRunsAndThereIsNoAnswer() {
        for (CascadePolicy policy : new CascadePolicy[] {
            Solvers.recall(model, 1).toPolicy(null, p99),
            Solvers.noRecall(model, 1).toPolicy(null, p99)
        }) {
            CascadeWalk walk = policy.newWalk();
            walk.start(0.5);
            assertThat(walk.next(99)).isEqualTo(CascadePolicy.STOP);
            assertThat(walk.answer()).isEqualTo(CascadePolicy.STOP);
        }
    }

    @Test
    void noRecallAnswersWithTheLastStageRun() {
        CascadeWalk walk = Solvers.noRecall(model, 0).toPolicy(null, p99).newWalk();
        walk.start(0.5);
        walk.reveal(walk.next(Long.MAX_VALUE), 0, 1);
        assertThat(walk.next(Long.MAX_VALUE)).isEqualTo(1);
        walk.reveal(1, 0, 2);
        assertThat(walk.next(10)).isEqualTo(CascadePolicy.STOP);
        assertThat(walk.answer()).isEqualTo(1);
    }
}
