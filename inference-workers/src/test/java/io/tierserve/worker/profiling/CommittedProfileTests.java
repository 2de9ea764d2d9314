package io.tierserve.worker.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.profile.Profile;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.training.FashionMnist;
import org.junit.jupiter.api.Test;

/** The committed demo profile belongs to the committed demo model (the platform seeds both). */
class CommittedProfileTests {

    @Test
    void theCommittedProfileRecordsWhatTheCommittedModelPredictsOnTheFirstTestImages() {
        Profile committed = DemoProfile.load();
        assertThat(committed.sampleCount()).isEqualTo(10_000);
        assertThat(committed.deviceClass()).isEqualTo("cpu");
        try (InferenceEngine engine = InferenceEngine.withDemo()) {
            LabelledInputs first = LabelledInputs.of(
                    FashionMnist.demoSamples(), engine.manifest("fashion-mnist").preprocessing());
            Profile fresh = Profiler.profile(engine, "fashion-mnist", first, 0, "cpu");
            assertThat(committed.samples().subList(0, first.count())).isEqualTo(fresh.samples());
        }
    }
}
