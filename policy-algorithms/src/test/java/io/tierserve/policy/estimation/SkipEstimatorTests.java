package io.tierserve.policy.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.frontier.FrontierBuilder;
import io.tierserve.policy.frontier.FrontierComparison;
import io.tierserve.policy.frontier.FrontierReport;
import io.tierserve.policy.frontier.FrontierRow;
import io.tierserve.policy.frontier.FrontierSettings;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.SkipCascade;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.profile.StageLatency;
import io.tierserve.policy.profile.StageOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Skip edges on a line of separate models whose middle stage is useless: the last stage's state
 * follows the first's, not the middle's, and only a skip reaches the last stage's accuracy cheaply.
 */
class SkipEstimatorTests {

    /**
     * 800 samples, costs 1, 5, 5 ms. Stage 1 is sure and right on even samples, unsure (0.4) and right
     * half the time on odd ones; stage 2 repeats stage 1's answer with a confidence unrelated to
     * stage 1's confidence and correctness; stage 3 is always right, with a confidence that copies
     * stage 1's pattern.
     */
    static Profile uselessMiddle() {
        List<ProfileSample> samples = new ArrayList<>();
        for (int s = 0; s < 800; s++) {
            int label = s % 10;
            boolean sure = s % 2 == 0;
            int first = sure || (s / 4) % 2 == 0 ? label : (label + 1) % 10;
            samples.add(new ProfileSample(
                    label,
                    List.of(
                            new StageOutput(first, sure ? 0.95 : 0.4),
                            new StageOutput(first, (s / 2) % 2 == 0 ? 0.9 : 0.3),
                            new StageOutput(label, sure ? 0.99 : 0.6))));
        }
        return new Profile(
                1,
                "useless-middle",
                "cpu",
                List.of(),
                List.of(stage("a", null, 1), stage("b", "a", 5), stage("c", "b", 5)),
                samples);
    }

    private static ProfileStage stage(String id, String parent, double p50) {
        return new ProfileStage(id, parent, Map.of("cpu", new StageLatency(p50, p50, p50)));
    }

    @Test
    void aSkipsTransitionIsCountedDirectlyNotMultipliedThroughTheStageBetween() {
        Profile profile = uselessMiddle();
        EstimationSettings settings = EstimationSettings.defaults().withBins(2);
        EstimatedCascade line = CascadeEstimator.estimate(profile, settings);

        SkipCascade skips = SkipEstimator.estimate(profile, line, settings);

        ConfidenceBins bins = line.bins();
        int unsure = bins.stateOf(0, 0.4, false);
        int sure = bins.stateOf(0, 0.95, false);
        assertThat(unsure).isNotEqualTo(sure);
        // 400 samples per row and one pseudo-sample: (400 + 0.5) / 401.
        assertThat(skips.transition(0, 2)[unsure][bins.stateOf(2, 0.6, false)]).isCloseTo(400.5 / 401, within(1e-9));
        assertThat(skips.transition(0, 2)[sure][bins.stateOf(2, 0.99, false)]).isCloseTo(400.5 / 401, within(1e-9));
        // Through the middle stage the dependence is lost: the product is about even.
        assertThat(SkipCascade.fromLine(line.model(), new double[][] {null, {Double.NaN, Double.NaN, 5}})
                        .transition(0, 2)[unsure][bins.stateOf(2, 0.6, false)])
                .isCloseTo(0.5, within(0.01));
        // Separate models: a skip costs the target's own latency; from the root a stage follows its marginal.
        assertThat(skips.cost(0, 2)).isEqualTo(5.0);
        assertThat(skips.cost(-1, 2)).isEqualTo(5.0);
        assertThat(skips.transition(-1, 1)[0]).containsExactly(new double[] {0.5, 0.5}, within(1e-12));
        assertThat(skips.transition(1, 2)[0]).containsExactly(new double[] {0.5, 0.5}, within(0.01));
    }

    @Test
    void agreementStatesAreRefused() {
        Profile profile = uselessMiddle();
        EstimationSettings settings = EstimationSettings.defaults().withBins(2).withAgreement(true);
        EstimatedCascade line = CascadeEstimator.estimate(profile, settings);

        assertThatThrownBy(() -> SkipEstimator.estimate(profile, line, settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agreement");
    }

    @Test
    void onlyTheSkipPolicyReachesTheLastStagesAccuracyWithoutPayingForTheMiddleStage() {
        FrontierReport report = FrontierBuilder.build(
                uselessMiddle(),
                new FrontierSettings(EstimationSettings.defaults().withBins(2), 1, 24, 40).withSkips(true));
        List<FrontierRow> skips = report.rows(FrontierBuilder.RECALL_SKIPS);
        assertThat(skips).hasSize(24);
        double full = report.fullCascadeLatencyMs();
        assertThat(full).isEqualTo(11.0);

        // Held out: stage 1 on every sample, stage 3 straight after it on the unsure half, 1 + 5 / 2 ms.
        double withSkips = FrontierComparison.latencyAtAccuracy(skips, 1.0);
        double withoutSkips = FrontierComparison.latencyAtAccuracy(report.rows(FrontierBuilder.RECALL), 1.0);
        assertThat(withSkips).isCloseTo(3.5, within(0.3));
        assertThat(withoutSkips).isGreaterThan(5.5);
        assertThat(FrontierComparison.latencyAtAccuracy(report.rows(FrontierBuilder.THRESHOLD), 1.0))
                .isGreaterThan(5.5);
    }
}
