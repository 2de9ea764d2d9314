package io.tierserve.policy.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.synthetic.SyntheticProfiles;
import io.tierserve.policy.synthetic.SyntheticSpec;
import org.junit.jupiter.api.Test;

class CascadeEstimatorTests {

    /** Circulant rows keep every stage's marginal uniform, so 4 quantile bins line up with the 4 states. */
    private static double[][] circulant(double stay, double next, double other) {
        double[][] p = new double[4][4];
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                p[a][b] = b == a ? stay : b == (a + 1) % 4 ? next : other;
            }
        }
        return p;
    }

    private static SyntheticSpec knownGenerator() {
        double[][][] transition = {null, circulant(0.6, 0.3, 0.05), circulant(0.4, 0.4, 0.1)};
        double[] accuracy = {0.3, 0.6, 0.8, 0.95};
        return new SyntheticSpec(
                "known",
                10,
                new double[] {0.25, 0.25, 0.25, 0.25},
                transition,
                new double[][] {accuracy, accuracy, accuracy},
                new double[] {1, 2, 4},
                new double[] {1.5, 2.5, 4.5},
                new double[] {3, 5, 9},
                0.0);
    }

    @Test
    void recoversTheTransitionMatricesAndLossesOfAKnownGenerator() {
        SyntheticSpec spec = knownGenerator();
        Profile profile = SyntheticProfiles.generate(spec, 60_000, 7);

        EstimatedCascade estimated =
                CascadeEstimator.estimate(profile, EstimationSettings.defaults().withBins(4));
        MarkovCascade model = estimated.model();

        assertThat(model.isLine()).isTrue();
        for (int v = 0; v < 3; v++) {
            assertThat(model.states(v)).isEqualTo(4);
            for (int s = 0; s < 4; s++) {
                assertThat(model.loss(v, s)).isCloseTo(1 - spec.accuracy()[v][s], within(0.02));
            }
        }
        assertThat(model.initial(0)).containsExactly(new double[] {0.25, 0.25, 0.25, 0.25}, within(0.01));
        for (int v = 1; v < 3; v++) {
            for (int a = 0; a < 4; a++) {
                assertThat(model.transition(v)[a]).containsExactly(spec.transition()[v][a], within(0.02));
            }
        }
    }

    @Test
    void costsAreP50MillisecondsAndDeadlinesUseP99Nanos() {
        Profile profile = SyntheticProfiles.generate(knownGenerator(), 200, 1);

        EstimatedCascade estimated = CascadeEstimator.estimate(profile, EstimationSettings.defaults());

        assertThat(estimated.model().cost(2)).isEqualTo(4.0);
        assertThat(estimated.p99Nanos()).containsExactly(3_000_000L, 5_000_000L, 9_000_000L);
        assertThat(estimated.deviceClass()).isEqualTo("cpu");
    }

    @Test
    void gridIsTheSortedDistinctUnionOfBinLossesAndEveryLossIsPositive() {
        Profile profile = SyntheticProfiles.generate(SyntheticProfiles.benchmark(5), 4_000, 3);

        MarkovCascade model = CascadeEstimator.estimate(profile, EstimationSettings.defaults())
                .model();

        double[] grid = model.grid();
        for (int i = 1; i < grid.length; i++) {
            assertThat(grid[i]).isGreaterThan(grid[i - 1]);
        }
        assertThat(grid[0]).isGreaterThanOrEqualTo(1e-4);
        for (int v = 0; v < model.stageCount(); v++) {
            assertThat(model.states(v)).isEqualTo(32);
            for (int s = 0; s < model.states(v); s++) {
                assertThat(grid).contains(model.loss(v, s));
            }
        }
    }
}
