package io.tierserve.policy.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.testing.RandomModels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table route (integer thresholds) and the equivalent-loss route (Weitzman indices) agree on lines. */
class EquivalentLossRouteTests {

    private static final double TOLERANCE = 1e-9;

    @Test
    void bothRoutesPredictTheSameObjectiveAndCost() {
        Random rnd = new Random(21);
        for (int k = 0; k < 200; k++) {
            MarkovCascade model = RandomModels.line(rnd, 1 + rnd.nextInt(6), 2 + rnd.nextInt(30), 10);
            double mu = 0.1 + 2 * rnd.nextDouble();
            Solution table = LineRecallSolver.solve(model, mu);
            Solution weitzman = TreeRecallSolver.solve(model, mu);
            assertThat(weitzman.expectedObjective())
                    .as("instance %d", k)
                    .isCloseTo(table.expectedObjective(), within(TOLERANCE));
            assertThat(weitzman.expectedCost()).as("instance %d", k).isCloseTo(table.expectedCost(), within(TOLERANCE));
        }
    }

    @Test
    void bothRoutesStopAtTheSameGridThresholds() {
        Random rnd = new Random(22);
        for (int k = 0; k < 200; k++) {
            MarkovCascade model = RandomModels.line(rnd, 2 + rnd.nextInt(5), 2 + rnd.nextInt(30), 10);
            double mu = 0.1 + 2 * rnd.nextDouble();
            IndexSolution table = LineRecallSolver.solve(model, mu);
            IndexSolution weitzman = TreeRecallSolver.solve(model, mu);
            for (int v = 1; v < model.stageCount(); v++) {
                for (int r = 0; r < model.states(v - 1); r++) {
                    assertThat(table.threshold(v, r))
                            .as("instance %d stage %d parent state %d", k, v, r)
                            .isEqualTo(weitzman.threshold(v, r));
                    assertThat(model.grid()[0] > weitzman.sigma(v, r)
                                    || model.grid()[weitzman.threshold(v, r)] <= weitzman.sigma(v, r) + Ties.EPSILON)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void expectedCostIsTheSlopeOfTheOptimalObjectiveInMu() {
        // Envelope theorem: V(mu) is concave with derivative E[cost]; check it with a finite difference.
        Random rnd = new Random(23);
        for (int k = 0; k < 50; k++) {
            MarkovCascade model = RandomModels.tree(rnd, 2 + rnd.nextInt(5), 2 + rnd.nextInt(10), 5);
            double mu = 0.2 + rnd.nextDouble();
            double h = 1e-7;
            double slope = (Solvers.recall(model, mu + h).expectedObjective()
                            - Solvers.recall(model, mu - h).expectedObjective())
                    / (2 * h);
            assertThat(Solvers.recall(model, mu).expectedCost()).isCloseTo(slope, within(1e-5));
        }
    }

    @Test
    void parallelSolvingGivesBitIdenticalResults() {
        // Large enough that LineRecallSolver.PARALLEL_WORK splits the levels across threads.
        MarkovCascade model = RandomModels.denseLine(new Random(24), 4, 700, 200);
        assertThat(200L * 200 * 700).isGreaterThan(LineRecallSolver.PARALLEL_WORK);
        IndexSolution one = LineRecallSolver.solve(model, 0.7, 1);
        IndexSolution four = LineRecallSolver.solve(model, 0.7, 4);
        assertThat(four.expectedObjective()).isEqualTo(one.expectedObjective());
        assertThat(four.expectedCost()).isEqualTo(one.expectedCost());
        for (int v = 1; v < model.stageCount(); v++) {
            for (int r = 0; r < model.states(v - 1); r++) {
                assertThat(four.threshold(v, r)).isEqualTo(one.threshold(v, r));
            }
        }
        assertThat(Solvers.recall(model, 0.7, 3).expectedObjective()).isEqualTo(one.expectedObjective());
    }
}
