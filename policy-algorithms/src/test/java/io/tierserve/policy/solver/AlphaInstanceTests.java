package io.tierserve.policy.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.testing.BruteForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * T-Tamer's lower bound for no-recall rules (docs/algorithms.md#the-cascade-model): R1 = 1/α²
 * always; R2 = ε w.p. 1 - 1/α, else 1/α; zero costs. Every no-recall rule pays 1/α², recall pays
 * 1/α³.
 */
class AlphaInstanceTests {

    private static final double EPS = 1e-12;

    static MarkovCascade alphaInstance(double alpha) {
        double[] grid = {EPS, 1 / (alpha * alpha), 1 / alpha};
        return new MarkovCascade(
                grid,
                new int[] {-1, 0},
                new double[] {0, 0},
                new int[][] {{1}, {0, 2}},
                new double[][] {{1}, null},
                new double[][][] {null, {{1 - 1 / alpha, 1 / alpha}}});
    }

    @ParameterizedTest
    @ValueSource(doubles = {2, 10, 100})
    void noRecallPaysOneOverAlphaSquaredAndRecallOneOverAlphaCubed(double alpha) {
        MarkovCascade model = alphaInstance(alpha);
        assertThat(Solvers.noRecall(model, 1).expectedObjective()).isCloseTo(1 / (alpha * alpha), within(1e-10));
        assertThat(Solvers.recall(model, 1).expectedObjective()).isCloseTo(1 / (alpha * alpha * alpha), within(1e-10));
        assertThat(Solvers.recallByEquivalentLoss(model, 1).expectedObjective())
                .isCloseTo(1 / (alpha * alpha * alpha), within(1e-10));
    }

    @Test
    void recallBeatsEveryNoRecallRuleOnTheAlphaInstance() {
        for (double alpha : new double[] {2, 10, 100}) {
            MarkovCascade model = alphaInstance(alpha);
            double bestNoRecall = BruteForce.noRecall(model, 1);
            double recall = Solvers.recall(model, 1).expectedObjective();
            // the gap grows with α: no constant-factor approximation without recall
            assertThat(bestNoRecall / recall).isCloseTo(alpha, within(1e-6 * alpha));
        }
    }
}
