package io.tierserve.policy.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.estimation.EstimationSettings;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.synthetic.SyntheticProfiles;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FrontierTests {

    private static FrontierReport report;

    @BeforeAll
    static void buildFrontierOfTheSyntheticBenchmark() {
        Profile profile = SyntheticProfiles.generate(SyntheticProfiles.benchmark(5), 12_000, 11);
        report = FrontierBuilder.build(profile, new FrontierSettings(EstimationSettings.defaults(), 3, 24, 80));
    }

    @Test
    void everyStrategyHasItsRows() {
        assertThat(report.rows(FrontierBuilder.RECALL)).hasSize(24);
        assertThat(report.rows(FrontierBuilder.NO_RECALL)).hasSize(24);
        assertThat(report.rows(FrontierBuilder.PATIENCE)).hasSize(4);
        assertThat(report.rows(FrontierBuilder.SINGLE_STAGE)).hasSize(5);
        assertThat(report.rows(FrontierBuilder.ORACLE)).hasSize(1);
        assertThat(report.rows(FrontierBuilder.THRESHOLD)).hasSizeGreaterThan(50);
        assertThat(report.heldOutSamples()).isEqualTo(6_000);
        FrontierRow full = report.rows(FrontierBuilder.SINGLE_STAGE).get(4);
        assertThat(full.latencyRatio()).isEqualTo(1.0);
    }

    @Test
    void recallOptimalIsNoSlowerThanThresholdAtEveryAccuracyTheThresholdReaches() {
        List<FrontierRow> recall = report.rows(FrontierBuilder.RECALL);
        int n = report.heldOutSamples();
        for (FrontierRow threshold : report.rows(FrontierBuilder.THRESHOLD)) {
            double a = threshold.accuracy();
            // Recall is planned on the fit half, thresholds are picked on the held-out half: allow one standard error.
            double slack = Math.sqrt(a * (1 - a) / n);
            double recallLatency = FrontierComparison.latencyAtAccuracy(recall, a - slack);
            assertThat(recallLatency)
                    .as("recall-optimal latency at the accuracy of %s (%.4f)", threshold.parameter(), a)
                    .isLessThanOrEqualTo(threshold.meanLatencyMs() + 1e-9);
        }
    }

    @Test
    void recallOptimalBeatsTheFullCascadesAccuracyAtLowerLatency() {
        FrontierRow full = report.rows(FrontierBuilder.SINGLE_STAGE).get(4);
        double recallLatency =
                FrontierComparison.latencyAtAccuracy(report.rows(FrontierBuilder.RECALL), full.accuracy());

        assertThat(recallLatency).isLessThan(0.5 * full.meanLatencyMs());
    }

    @Test
    void replayedObjectiveOfRecallOptimalIsCloseToTheSolversPrediction() {
        for (FrontierRow r : report.rows(FrontierBuilder.RECALL)) {
            assertThat(Math.abs(r.replayedObjective() - r.predictedObjective()))
                    .as("gap at %s", r.parameter())
                    .isLessThan(0.02 + 0.05 * r.predictedObjective());
        }
    }

    @Test
    void latencyAtAccuracyInterpolatesTheConvexHull() {
        List<FrontierRow> rows = List.of(row(0.5, 1.0), row(0.7, 3.0), row(0.9, 4.0), row(0.8, 10.0));

        // (0.7, 3) lies above the chord from (0.5, 1) to (0.9, 4)? chord at 0.7 is 2.5: it is dropped.
        assertThat(FrontierComparison.latencyAtAccuracy(rows, 0.7))
                .isEqualTo(2.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(FrontierComparison.latencyAtAccuracy(rows, 0.4)).isEqualTo(1.0);
        assertThat(FrontierComparison.latencyAtAccuracy(rows, 0.95)).isNaN();
    }

    private static FrontierRow row(double accuracy, double latency) {
        return new FrontierRow("x", "", accuracy, 0, 1, latency, latency, 1, 0, Double.NaN, Double.NaN);
    }
}
