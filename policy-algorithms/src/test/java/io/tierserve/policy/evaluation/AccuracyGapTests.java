package io.tierserve.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccuracyGapTests {

    private static Outcomes correct(boolean... correct) {
        int n = correct.length;
        return new Outcomes(1, correct, new double[n], new int[n], new boolean[n], new int[n]);
    }

    @Test
    void theGapIsTheMeanPairedDifferenceAndItsBoundAddsTheStandardError() {
        // d = rule - reference per sample: 0, -1, 0, +1, -1 -> mean -0.2, sample variance 0.7
        boolean[] reference = {true, true, false, false, true};
        Outcomes rule = correct(true, false, false, true, false);

        AccuracyGap gap = AccuracyGap.of(1.0, rule, null, reference);

        assertThat(gap.gap()).isCloseTo(0.2, within(1e-12));
        assertThat(gap.gapHigh()).isCloseTo(0.2 + 1.959963984540054 * Math.sqrt(0.7 / 5), within(1e-12));
        assertThat(gap.samples()).isEqualTo(5);
        assertThat(gap.within(0.2)).isFalse();
        assertThat(gap.within(1.0)).isTrue();
    }

    @Test
    void aRuleThatAgreesWithTheReferenceEverywhereHasGapAndBoundZero() {
        boolean[] reference = {true, false, true, true};

        AccuracyGap gap = AccuracyGap.of(1.0, correct(true, false, true, true), null, reference);

        assertThat(gap.gap()).isZero();
        assertThat(Double.doubleToRawLongBits(gap.gap()))
                .as("not -0.0, which prints as -0.0000")
                .isZero();
        assertThat(gap.gapHigh()).isZero();
        assertThat(gap.within(0.0)).isTrue();
    }

    @Test
    void aMixContributesItsExpectedCorrectness() {
        boolean[] reference = {true, true};
        // p = 0.25: sample 0 right with 0.25, sample 1 right with 0.75 -> d = -0.75, -0.25
        AccuracyGap gap = AccuracyGap.of(0.25, correct(true, false), correct(false, true), reference);

        assertThat(gap.gap()).isCloseTo(0.5, within(1e-12));
        assertThat(gap.gapHigh()).isCloseTo(0.5 + 1.959963984540054 * Math.sqrt(0.125 / 2), within(1e-12));
    }

    @Test
    void outcomesOfOtherSamplesAreRefused() {
        assertThatThrownBy(() -> AccuracyGap.of(1.0, correct(true), null, new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
