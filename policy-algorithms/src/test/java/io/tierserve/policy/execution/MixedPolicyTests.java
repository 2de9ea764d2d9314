package io.tierserve.policy.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.solver.Solvers;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MixedPolicyTests {

    private final MarkovCascade model = new MarkovCascade(
            new double[] {0.1, 0.5},
            new int[] {-1, 0},
            new double[] {0.1, 0.1},
            new int[][] {{1}, {0}},
            new double[][] {{1}, null},
            new double[][][] {null, {{1}}});

    /** Runs one stage (mu so large that stage 1 never pays). */
    private final CascadePolicy oneStage = Solvers.recall(model, 100).toPolicy(null, null);

    /** Runs both stages. */
    private final CascadePolicy twoStages = Solvers.recall(model, 1).toPolicy(null, null);

    @Test
    void theMixFollowsTheFirstPolicyWithExactlyItsProbability() {
        MixedPolicy mixed = MixedPolicy.of(0.3, oneStage, twoStages);
        int n = 10_000;
        int first = 0;
        CascadeWalk walk = mixed.newWalk();
        for (int k = 0; k < n; k++) {
            first += stagesRun(walk, (k + 0.5) / n) == 1 ? 1 : 0;
        }
        assertThat(first).isEqualTo(3000);
    }

    @Test
    void randomCoinsGiveTheMixingProportion() {
        CascadeWalk walk = MixedPolicy.of(0.7, oneStage, twoStages).newWalk();
        Random rnd = new Random(61);
        int n = 100_000;
        int first = 0;
        for (int k = 0; k < n; k++) {
            first += stagesRun(walk, rnd.nextDouble()) == 1 ? 1 : 0;
        }
        assertThat(first / (double) n).isCloseTo(0.7, within(0.01));
    }

    @Test
    void mixturesNestBecauseTheCoinIsRescaled() {
        MixedPolicy inner = MixedPolicy.of(0.5, oneStage, twoStages);
        CascadeWalk walk = MixedPolicy.of(0.5, inner, twoStages).newWalk();
        int n = 10_000;
        int first = 0;
        for (int k = 0; k < n; k++) {
            first += stagesRun(walk, (k + 0.5) / n) == 1 ? 1 : 0;
        }
        assertThat(first).isEqualTo(2500);
    }

    @Test
    void invalidMixesAreRejected() {
        assertThatThrownBy(() -> MixedPolicy.of(1.5, oneStage, twoStages)).hasMessageContaining("[0, 1]");
        MarkovCascade single = new MarkovCascade(
                new double[] {0.1},
                new int[] {-1},
                new double[] {0},
                new int[][] {{0}},
                new double[][] {{1}},
                new double[][][] {null});
        assertThatThrownBy(() ->
                        MixedPolicy.of(0.5, oneStage, Solvers.recall(single, 1).toPolicy(null, null)))
                .hasMessageContaining("same cascade");
    }

    private static int stagesRun(CascadeWalk walk, double coin) {
        walk.start(coin);
        int run = 0;
        for (int s = walk.next(Long.MAX_VALUE); s != CascadePolicy.STOP; s = walk.next(Long.MAX_VALUE)) {
            walk.reveal(s, 0, 0);
            run++;
        }
        return run;
    }
}
