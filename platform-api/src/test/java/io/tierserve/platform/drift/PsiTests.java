package io.tierserve.platform.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PsiTests {

    @Test
    void identicalDistributionsHaveZeroIndex() {
        assertThat(Psi.of(new long[] {25, 25, 50}, new double[] {0.25, 0.25, 0.5}, 1e-4))
                .isCloseTo(0, within(1e-12));
    }

    @Test
    void aHandComputedShiftMatches() {
        // live 0.5/0.5 against expected 0.25/0.75: (0.25)ln(2) + (-0.25)ln(2/3)
        double expected = 0.25 * Math.log(2) - 0.25 * Math.log(2.0 / 3.0);

        assertThat(Psi.of(new long[] {50, 50}, new double[] {0.25, 0.75}, 1e-4)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void anEmptyBinCountsWithEpsilonInsteadOfInfinity() {
        double psi = Psi.of(new long[] {100, 0}, new double[] {0.5, 0.5}, 1e-4);

        double expected = 0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
        assertThat(psi).isFinite().isCloseTo(expected, within(1e-12));
    }

    @Test
    void noLiveCountsGiveNoIndex() {
        assertThat(Psi.of(new long[] {0, 0}, new double[] {0.5, 0.5}, 1e-4)).isNaN();
    }

    @Test
    void mergingKeepsTotalsAndAdjacency() {
        long[] merged = Psi.merge(new long[] {1, 2, 3, 4, 5, 6, 7}, 3);

        assertThat(merged).containsExactly(1 + 2 + 3, 4 + 5, 6 + 7);
        assertThat(Psi.merge(new long[] {1, 2}, 10)).containsExactly(1, 2);
    }
}
