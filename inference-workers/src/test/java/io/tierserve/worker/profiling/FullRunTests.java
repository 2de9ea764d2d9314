package io.tierserve.worker.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.profile.Profile;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.training.FashionMnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A live request's full run gives what profiling the same input gives, stage by stage. */
class FullRunTests {

    private static final int SAMPLES = 50;

    private static InferenceEngine engine;
    private static FashionMnist images;
    private static Profile profile;

    @BeforeAll
    static void profile() {
        engine = InferenceEngine.withDemo();
        images = FashionMnist.demoSamples();
        profile = Profiler.profile(
                engine,
                "fashion-mnist",
                LabelledInputs.of(images, engine.manifest("fashion-mnist").preprocessing()),
                0,
                "cpu");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void everyStagesOutputMatchesTheProfilersOnTheSameRawTensor() {
        long nanos = 0;
        for (int i = 0; i < SAMPLES; i++) {
            InferenceInput input = new InferenceInput.Raw(new long[] {1, 28, 28}, normalised(i));

            long start = System.nanoTime();
            FullRun.Outputs outputs = FullRun.run(engine, "fashion-mnist", input);
            nanos += System.nanoTime() - start;

            assertThat(outputs.predictions()).hasSize(3);
            for (int stage = 0; stage < 3; stage++) {
                var profiled = profile.samples().get(i).outputs().get(stage);
                assertThat(outputs.predictions()[stage]).isEqualTo(profiled.prediction());
                assertThat(outputs.confidences()[stage])
                        .isCloseTo(profiled.confidence(), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        System.out.printf("full run: %.3f ms per input (mean of %d, cold included)%n", nanos / 1e6 / SAMPLES, SAMPLES);
    }

    private static float[] normalised(int index) {
        float[] pixels = images.image(index);
        float[] data = new float[pixels.length];
        for (int p = 0; p < pixels.length; p++) {
            data[p] = (float) ((pixels[p] / 255.0 - 0.286) / 0.353);
        }
        return data;
    }
}
