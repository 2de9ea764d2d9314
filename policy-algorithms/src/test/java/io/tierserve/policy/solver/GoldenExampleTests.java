package io.tierserve.policy.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.model.MarkovCascade;
import org.junit.jupiter.api.Test;

class GoldenExampleTests {

    private static final double TOLERANCE = 1e-9;

    private final MarkovCascade model = Golden.line();

    @Test
    void recallCostsMatchTheHandComputedValue() {
        assertThat(Solvers.recall(model, 1).expectedObjective()).isCloseTo(0.5196, within(TOLERANCE));
        assertThat(Solvers.recallByEquivalentLoss(model, 1).expectedObjective()).isCloseTo(0.5196, within(TOLERANCE));
    }

    @Test
    void noRecallCostsMatchTheHandComputedValue() {
        assertThat(Solvers.noRecall(model, 1).expectedObjective()).isCloseTo(0.5396, within(TOLERANCE));
    }

    @Test
    void equivalentLossIndicesMatchTheHandComputedSigmas() {
        IndexSolution solution = (IndexSolution) Solvers.recallByEquivalentLoss(model, 1);
        double[] third = {0.2, 0.5, 0.6333333333333333};
        double[] second = {0.2142857142857143, 0.36666666666666664, 0.6};
        for (int r = 0; r < 3; r++) {
            assertThat(solution.sigma(2, r)).isCloseTo(third[r], within(TOLERANCE));
            assertThat(solution.sigma(1, r)).isCloseTo(second[r], within(TOLERANCE));
        }
    }

    @Test
    void tableThresholdsAreTheSigmasSnappedDownToTheGridWithTiesStopping() {
        IndexSolution solution = (IndexSolution) Solvers.recall(model, 1);
        // σ(3, ·) = 0.2, 0.5, 0.6333 -> grid indices 0, 1 (0.5 ties and stops), 1
        assertThat(new int[] {solution.threshold(2, 0), solution.threshold(2, 1), solution.threshold(2, 2)})
                .containsExactly(0, 1, 1);
        // σ(2, ·) = 0.2143, 0.3667, 0.6 -> 0, 0, 1
        assertThat(new int[] {solution.threshold(1, 0), solution.threshold(1, 1), solution.threshold(1, 2)})
                .containsExactly(0, 0, 1);
    }

    @Test
    void recallSplitsItsObjectiveIntoLossAndCost() {
        Solution solution = Solvers.recall(model, 1);
        assertThat(solution.expectedLoss() + solution.expectedCost()).isCloseTo(0.5196, within(TOLERANCE));
        assertThat(solution.expectedCost()).isGreaterThan(0.05).isLessThan(0.21);
        Solution tree = Solvers.recallByEquivalentLoss(model, 1);
        assertThat(tree.expectedCost()).isCloseTo(solution.expectedCost(), within(TOLERANCE));
    }

    @Test
    void thresholdRulesAndFixedPathsMatchTheHandComputedValues() {
        assertThat(pathValue(losses -> firstAtOrBelow(losses, 0.1), false)).isCloseTo(0.5908, within(TOLERANCE));
        assertThat(pathValue(losses -> firstAtOrBelow(losses, 0.5), false)).isCloseTo(0.5396, within(TOLERANCE));
        assertThat(pathValue(losses -> 3, true) - 0.21).isCloseTo(0.362, within(TOLERANCE));
        assertThat(pathValue(losses -> 3, true)).isCloseTo(0.572, within(TOLERANCE));
    }

    @Test
    void theOptimalNoRecallRuleIsTheBestThreshold() {
        double best = Double.POSITIVE_INFINITY;
        for (double theta : Golden.GRID) {
            best = Math.min(best, pathValue(losses -> firstAtOrBelow(losses, theta), false));
        }
        assertThat(Solvers.noRecall(model, 1).expectedObjective()).isCloseTo(best, within(TOLERANCE));
    }

    /** How many stages a rule runs, given the path's three losses. */
    private interface Rule {
        int stagesRun(double[] losses);
    }

    private static int firstAtOrBelow(double[] losses, double theta) {
        for (int i = 0; i < losses.length; i++) {
            if (losses[i] <= theta) {
                return i + 1;
            }
        }
        return losses.length;
    }

    /** Exact E[f + costs] of a rule over all 27 paths (f = min loss with recall, else the last). */
    private double pathValue(Rule rule, boolean recall) {
        double[] costs = {0.05, 0.08, 0.08};
        double total = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 3; c++) {
                    double prob = model.initial(0)[a] * model.transition(1)[a][b] * model.transition(2)[b][c];
                    double[] losses = {Golden.GRID[a], Golden.GRID[b], Golden.GRID[c]};
                    int run = rule.stagesRun(losses);
                    double f = losses[run - 1];
                    double cost = 0;
                    for (int i = 0; i < run; i++) {
                        cost += costs[i];
                        f = recall ? Math.min(f, losses[i]) : f;
                    }
                    total += prob * (f + cost);
                }
            }
        }
        return total;
    }
}
