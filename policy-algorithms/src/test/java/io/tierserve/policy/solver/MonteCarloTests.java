package io.tierserve.policy.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;
import io.tierserve.policy.testing.PolicyEvaluation;
import io.tierserve.policy.testing.RandomModels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Synthetic Markov data replayed through the served walk converges to the dynamic program's value. */
class MonteCarloTests {

    private static final int SAMPLES = 200_000;
    private static final double TOLERANCE = 0.01;

    @Test
    void recallWalkOnALineConvergesToThePrediction() {
        MarkovCascade model = RandomModels.line(new Random(41), 6, 40, 12);
        assertConverges(model, Solvers.recall(model, 1), null, 1);
    }

    @Test
    void recallWalkOnATreeConvergesToThePrediction() {
        MarkovCascade model = RandomModels.tree(new Random(42), 7, 30, 8);
        assertConverges(model, Solvers.recall(model, 0.5), null, 0.5);
    }

    @Test
    void noRecallWalkConvergesToThePrediction() {
        MarkovCascade model = RandomModels.line(new Random(43), 6, 40, 12);
        assertConverges(model, Solvers.noRecall(model, 1), null, 1);
    }

    @Test
    void skipWalkConvergesToThePrediction() {
        Random rnd = new Random(44);
        MarkovCascade line = RandomModels.line(rnd, 5, 20, 6);
        SkipCascade skips = RandomModels.skips(rnd, line);
        assertConverges(line, Solvers.recallWithSkips(skips, 1), skips, 1);
    }

    private static void assertConverges(MarkovCascade model, Solution solution, SkipCascade skips, double mu) {
        PolicyEvaluation.Value sampled =
                PolicyEvaluation.sample(model, solution.toPolicy(null, null), skips, SAMPLES, 7);
        assertThat(sampled.objective(mu)).isCloseTo(solution.expectedObjective(), within(TOLERANCE));
        assertThat(sampled.loss()).isCloseTo(solution.expectedLoss(), within(TOLERANCE));
        assertThat(sampled.cost()).isCloseTo(solution.expectedCost(), within(TOLERANCE));
    }
}
