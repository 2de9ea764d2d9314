package io.tierserve.policy.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.evaluation.Outcomes;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lower convex hull of candidates and the exact mixes on it, by hand (the mix family's plans). */
class HullPlanTests {

    // 20 samples each; accuracy = right / 20, every sample costs the same latency
    private static Candidate candidate(PolicyFamily family, double latency, int right) {
        boolean[] correct = new boolean[20];
        Arrays.fill(correct, 0, right, true);
        double[] ms = new double[20];
        Arrays.fill(ms, latency);
        Outcomes o = new Outcomes(2, correct, ms, new int[20], new boolean[20], new int[20]);
        return new Candidate(family, 1, null, null, o, o.metrics(), Double.NaN, false);
    }

    private final Candidate a = candidate(PolicyFamily.RECALL, 1, 10); // 0.50
    private final Candidate b = candidate(PolicyFamily.STAGE_THRESHOLDS, 2, 16); // 0.80
    private final Candidate c = candidate(PolicyFamily.RECALL, 3, 17); // 0.85
    private final Candidate below = candidate(PolicyFamily.NO_RECALL, 2.5, 12); // under the chord b–c
    private final Candidate slower = candidate(PolicyFamily.NO_RECALL, 4, 16); // past the most accurate

    @Test
    void theHullKeepsTheUpperLeftVerticesUpToTheMostAccurate() {
        assertThat(TierSearch.hull(List.of(c, below, slower, a, b))).containsExactly(a, b, c);
    }

    @Test
    void aRuleOnTheChordBetweenTwoVerticesStaysOnTheHull() {
        // (1.5, 0.65) lies exactly on the chord from (1, 0.50) to (2, 0.80)
        Candidate onChord = candidate(PolicyFamily.NO_RECALL, 1.5, 13);

        assertThat(TierSearch.hull(List.of(c, onChord, a, b))).containsExactly(a, onChord, b, c);
    }

    @Test
    void thePathRunsFromTheSafeEndThroughExactMixesOfAdjacentVertices() {
        TierSearch search = search();

        // accuracy: from the most accurate rule c towards the fastest a
        assertThat(search.segments()).isEqualTo(2);
        assertThat(search.along(0, true)).isEqualTo(Plan.of(c));
        assertThat(search.along(1, true)).isEqualTo(Plan.of(b));
        assertThat(search.along(2, true)).isEqualTo(Plan.of(a));
        Plan quarter = search.along(1.25, true);
        assertThat(quarter.first()).isSameAs(b);
        assertThat(quarter.second()).isSameAs(a);
        assertThat(quarter.p()).isCloseTo(0.75, within(1e-12));
        // 0.75 · 0.80 + 0.25 · 0.50 = 0.725 at 0.75 · 2 + 0.25 · 1 = 1.75
        assertThat(search.fitMetrics(quarter).accuracy()).isCloseTo(0.725, within(1e-12));
        assertThat(search.fitLatency(quarter)[0]).isCloseTo(1.75, within(1e-12));
        // latency: from the fastest rule a towards c; 1.5 is b and c half and half
        Plan half = search.along(1.5, false);
        assertThat(half.first()).isSameAs(b);
        assertThat(half.second()).isSameAs(c);
        assertThat(half.p()).isCloseTo(0.5, within(1e-12));
        // every sample of a rule costs the same here, so the mean latency of the mix has a spread:
        // half the coin's mass at 2 ms and half at 3 ms, variance 0.25, bound 2.5 + z·0.5/√19
        assertThat(search.fitLatency(half)[1]).isCloseTo(2.5 + 1.959963984540054 * 0.5 / Math.sqrt(19), within(1e-12));
        assertThat(search.fitLatency(half)[1]).isCloseTo(search.fitMetrics(half).meanLatencyHighMs(), within(1e-12));
    }

    @Test
    void theFixedSequenceStopsAtTheFirstMissAndNeverLooksPastIt() {
        List<Double> looked = new java.util.ArrayList<>();
        // keeps on [0, 1.3] and again on [2, 3]: the second stretch is never reached
        double last = TierResolver.lastKept(3, t -> {
            looked.add(t);
            return t <= 1.3 || t >= 2;
        });

        assertThat(last).isCloseTo(1.3, within(1e-6));
        assertThat(last).isLessThanOrEqualTo(1.3);
        assertThat(looked).allSatisfy(t -> assertThat(t).isLessThanOrEqualTo(1.3 + 1.0 / TierResolver.STEPS));
        assertThat(TierResolver.lastKept(3, t -> t > 0)).isEqualTo(-1);
        assertThat(TierResolver.lastKept(2.5, t -> true)).isEqualTo(2.5);
        assertThat(TierResolver.lastKept(0, t -> true)).isZero();
    }

    @Test
    void anAccuracyAimIsMetExactlyByMixingTheTwoVerticesAroundIt() {
        TierSearch search = search();

        Plan p = search.plan(Candidate::accuracy, 0.7, true);

        // p · 0.8 + (1 − p) · 0.5 = 0.7  →  p = 2/3, latency 2/3 · 2 + 1/3 · 1 = 5/3
        assertThat(p.first()).isSameAs(b);
        assertThat(p.second()).isSameAs(a);
        assertThat(p.p()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(search.fitMetrics(p).accuracy()).isCloseTo(0.7, within(1e-12));
        assertThat(search.fitMetrics(p).meanLatencyMs()).isCloseTo(5.0 / 3, within(1e-12));
        assertThat(p.servedBy(PolicyFamily.MIX)).isEqualTo(PolicyFamily.MIX);
    }

    @Test
    void aLatencyBudgetIsMetExactlyAndAnAimAboveTheHullHasNoPlan() {
        TierSearch search = search();

        Plan p = search.plan(Candidate::latency, 2.6, false);

        // p · 2 + (1 − p) · 3 = 2.6  →  p = 0.4, accuracy 0.4 · 0.8 + 0.6 · 0.85 = 0.83
        assertThat(p.first()).isSameAs(b);
        assertThat(p.second()).isSameAs(c);
        assertThat(p.p()).isCloseTo(0.4, within(1e-12));
        assertThat(search.fitMetrics(p).accuracy()).isCloseTo(0.83, within(1e-12));
        assertThat(search.plan(Candidate::accuracy, 0.9, true)).isNull();
        assertThat(search.plan(Candidate::latency, 0.5, false)).isNull();
        assertThat(search.plan(Candidate::accuracy, 0.4, true).second()).isNull();
    }

    @Test
    void aMixOfOneFamilysRulesIsRecordedUnderThatFamily() {
        Plan p = Plan.mix(c, a, 0.5);

        assertThat(p.servedBy(PolicyFamily.MIX)).isEqualTo(PolicyFamily.RECALL);
        assertThat(Plan.mix(b, a, 1.0).second()).isNull();
    }

    private TierSearch search() {
        return new TierSearch(PolicyFamily.MIX, null, List.of(a, b, c, below, slower));
    }
}
