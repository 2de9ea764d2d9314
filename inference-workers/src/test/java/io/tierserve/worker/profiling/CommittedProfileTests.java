package io.tierserve.worker.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.profile.Profile;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.training.FashionMnist;
import java.util.Comparator;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
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
            // ONNX Runtime's kernels round differently on different instruction sets (AVX2, AVX-512):
            // the same model gives the same classes and confidences equal to about 1e-6
            assertThat(committed.samples().subList(0, first.count()))
                    .usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                            .withComparatorForType(closeTo(1e-5), Double.class)
                            .build())
                    .isEqualTo(fresh.samples());
        }
    }

    private static Comparator<Double> closeTo(double tolerance) {
        return (a, b) -> Math.abs(a - b) <= tolerance ? 0 : Double.compare(a, b);
    }
}
