package io.tierserve.policy.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;
import io.tierserve.policy.testing.BruteForce;
import io.tierserve.policy.testing.PolicyEvaluation;
import io.tierserve.policy.testing.RandomModels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every solver against the oracle over all adaptive policies, on hundreds of seeded random
 * instances; and the served walk, evaluated exactly, against the solver's predicted loss and cost.
 */
class ExhaustiveSearchTests {

    private static final double TOLERANCE = 1e-9;
    private static final int INSTANCES = 300;

    @Test
    void recallOnLinesEqualsExhaustiveSearch() {
        Random rnd = new Random(11);
        for (int k = 0; k < INSTANCES; k++) {
            MarkovCascade model = RandomModels.line(rnd, 1 + rnd.nextInt(4), 1 + rnd.nextInt(4), 4);
            double mu = mu(rnd);
            Solution solution = Solvers.recall(model, mu);
            assertThat(solution.expectedObjective())
                    .as("instance %d", k)
                    .isCloseTo(BruteForce.recall(model, mu), within(TOLERANCE));
            assertServedPolicyMatches(model, solution, mu, k);
        }
    }

    @Test
    void recallOnOutTreesEqualsExhaustiveSearch() {
        Random rnd = new Random(12);
        int trees = 0;
        for (int k = 0; k < INSTANCES; k++) {
            MarkovCascade model = RandomModels.tree(rnd, 1 + rnd.nextInt(5), 1 + rnd.nextInt(4), 3);
            trees += model.isLine() ? 0 : 1;
            double mu = mu(rnd);
            Solution solution = Solvers.recall(model, mu);
            assertThat(solution.expectedObjective())
                    .as("instance %d %s", k, model)
                    .isCloseTo(BruteForce.recall(model, mu), within(TOLERANCE));
            assertServedPolicyMatches(model, solution, mu, k);
        }
        assertThat(trees).isGreaterThan(INSTANCES / 2);
    }

    @Test
    void noRecallOnLinesEqualsExhaustiveSearch() {
        Random rnd = new Random(13);
        for (int k = 0; k < INSTANCES; k++) {
            MarkovCascade model = RandomModels.line(rnd, 1 + rnd.nextInt(4), 1 + rnd.nextInt(4), 4);
            double mu = mu(rnd);
            Solution solution = Solvers.noRecall(model, mu);
            assertThat(solution.expectedObjective())
                    .as("instance %d", k)
                    .isCloseTo(BruteForce.noRecall(model, mu), within(TOLERANCE));
            assertServedPolicyMatches(model, solution, mu, k);
        }
    }

    @Test
    void recallWithSkipsEqualsExhaustiveSearch() {
        Random rnd = new Random(14);
        for (int k = 0; k < INSTANCES; k++) {
            MarkovCascade line = RandomModels.line(rnd, 1 + rnd.nextInt(4), 1 + rnd.nextInt(4), 3);
            SkipCascade model = RandomModels.skips(rnd, line);
            double mu = mu(rnd);
            Solution solution = Solvers.recallWithSkips(model, mu);
            assertThat(solution.expectedObjective())
                    .as("instance %d", k)
                    .isCloseTo(BruteForce.recallWithSkips(model, mu), within(TOLERANCE));
            PolicyEvaluation.Value served = PolicyEvaluation.exact(model, solution.toPolicy(null, null));
            assertThat(served.loss()).isCloseTo(solution.expectedLoss(), within(TOLERANCE));
            assertThat(served.cost()).isCloseTo(solution.expectedCost(), within(TOLERANCE));
        }
    }

    @Test
    void recallNeverLosesToNoRecall() {
        Random rnd = new Random(15);
        for (int k = 0; k < INSTANCES; k++) {
            MarkovCascade model = RandomModels.line(rnd, 1 + rnd.nextInt(4), 1 + rnd.nextInt(4), 4);
            assertThat(Solvers.recall(model, 1).expectedObjective())
                    .isLessThanOrEqualTo(Solvers.noRecall(model, 1).expectedObjective() + TOLERANCE);
        }
    }

    private static void assertServedPolicyMatches(MarkovCascade model, Solution solution, double mu, int k) {
        CascadePolicy policy = solution.toPolicy(null, null);
        PolicyEvaluation.Value served = PolicyEvaluation.exact(model, policy);
        assertThat(served.objective(mu))
                .as("served objective, instance %d", k)
                .isCloseTo(solution.expectedObjective(), within(TOLERANCE));
        assertThat(served.loss())
                .as("served loss, instance %d", k)
                .isCloseTo(solution.expectedLoss(), within(TOLERANCE));
        assertThat(served.cost())
                .as("served cost, instance %d", k)
                .isCloseTo(solution.expectedCost(), within(TOLERANCE));
    }

    private static double mu(Random rnd) {
        return rnd.nextBoolean() ? 1 : 0.2 + 3 * rnd.nextDouble();
    }
}
