package io.tierserve.worker.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.training.FashionMnist;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The committed demo profile belongs to the committed demo model (the platform seeds both). */
class CommittedProfileTests {

    @Test
    void theCommittedProfileRecordsWhatTheCommittedModelPredictsOnTheFirstTestImages() throws Exception {
        Profile committed;
        try (InputStream in = new GZIPInputStream(
                getClass().getClassLoader().getResourceAsStream("demo/fashion-mnist/profile-cpu.json.gz"))) {
            committed = ProfileJson.read(in);
        }
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
