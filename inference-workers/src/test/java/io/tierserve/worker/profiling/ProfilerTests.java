package io.tierserve.worker.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.policy.profile.StageLatency;
import io.tierserve.worker.cascade.StageOutput;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.training.FashionMnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProfilerTests {

    private static InferenceEngine engine;
    private static LabelledInputs samples;
    private static Profile profile;

    @BeforeAll
    static void profileTheCommittedSamples() {
        engine = InferenceEngine.withDemo();
        samples = LabelledInputs.of(
                FashionMnist.demoSamples(), engine.manifest("fashion-mnist").preprocessing());
        profile = Profiler.profile(engine, "fashion-mnist", samples, 20, "cpu");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theProfileHasEveryStageForEverySampleInTheFormatPolicyServiceReads() {
        assertThat(profile.cascade()).isEqualTo("fashion-mnist");
        assertThat(profile.stages()).extracting(s -> s.id()).containsExactly("exit1", "exit2", "exit3");
        assertThat(profile.stages()).extracting(s -> s.parent()).containsExactly(null, "exit1", "exit2");
        assertThat(profile.sampleCount()).isEqualTo(200);
        assertThat(profile.labels()).isEqualTo(FashionMnist.LABELS);
        Profile roundTripped = ProfileJson.parse(ProfileJson.toJson(profile));
        assertThat(roundTripped.samples()).isEqualTo(profile.samples());
    }

    @Test
    void outputsAreWhatRunningTheStagesFromTheParentsHiddenStateGives() {
        for (int i = 0; i < 10; i++) {
            int sample = i;
            StageOutput[] expected = engine.withSession("fashion-mnist", s -> {
                StageOutput[] out = new StageOutput[3];
                Tensor in = samples.input(sample);
                for (int stage = 0; stage < 3; stage++) {
                    out[stage] = s.run(stage, in);
                    in = out[stage].hidden();
                }
                return out;
            });
            for (int stage = 0; stage < 3; stage++) {
                var recorded = profile.samples().get(i).outputs().get(stage);
                assertThat(recorded.prediction()).isEqualTo(expected[stage].prediction());
                assertThat(recorded.confidence()).isEqualTo(expected[stage].confidence());
            }
            assertThat(profile.samples().get(i).label()).isEqualTo(samples.label(i));
        }
    }

    @Test
    void everyStageHasOrderedPositiveLatencies() {
        for (var stage : profile.stages()) {
            StageLatency latency = stage.latencyOn("cpu");
            assertThat(latency.p50Ms()).isPositive();
            assertThat(latency.p99Ms()).isGreaterThanOrEqualTo(latency.p50Ms());
            assertThat(latency.meanMs()).isPositive();
        }
    }

    @Test
    void everyExitOfTheCommittedModelIsRightOnMostSamples() {
        int[] correct = new int[3];
        for (var sample : profile.samples()) {
            for (int stage = 0; stage < 3; stage++) {
                correct[stage] += sample.correct(stage) ? 1 : 0;
            }
        }
        // Committed model: 0.88 / 0.89 / 0.90 on the full test set; chance is 0.1.
        for (int c : correct) {
            assertThat(c).isGreaterThan(150);
        }
    }
}
