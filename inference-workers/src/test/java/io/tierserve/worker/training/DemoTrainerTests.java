package io.tierserve.worker.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.CascadeSession;
import io.tierserve.worker.cascade.LoadedCascade;
import io.tierserve.worker.cascade.Manifests;
import io.tierserve.worker.cascade.StageOutput;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.cascade.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains briefly on a subset of Fashion-MNIST (Debian package {@code dataset-fashion-mnist}). */
class DemoTrainerTests {

    private static final TrainingOptions SHORT =
            TrainingOptions.defaults().withEpochs(1).withLimits(2000, 500);

    @TempDir
    static Path dir;

    private static double[] accuracy;

    @BeforeAll
    static void trainOnce() {
        try (TrainedNetwork network = DemoTrainer.train(SHORT)) {
            accuracy = network.accuracy();
            network.export(dir.resolve("first"));
        }
    }

    @Test
    void everyExitLearnsWellAboveChanceFromTwoThousandSamples() {
        assertThat(accuracy).hasSize(3);
        for (double exit : accuracy) {
            assertThat(exit).isGreaterThan(0.5);
        }
    }

    @Test
    void aSeededRunIsReproducibleToTheByte() throws Exception {
        try (TrainedNetwork again = DemoTrainer.train(SHORT)) {
            again.export(dir.resolve("second"));
            assertThat(again.accuracy()).containsExactly(accuracy);
        }
        for (String file : new String[] {"exit1.onnx", "exit2.onnx", "exit3.onnx", "exit3.params"}) {
            assertThat(Files.readAllBytes(dir.resolve("second").resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(file)));
        }
    }

    @Test
    void theOnnxExportPredictsWhatThePyTorchParametersPredict() {
        Path exported = dir.resolve("first");
        CascadeManifest manifest = Manifests.read(exported);
        FashionMnist samples = FashionMnist.demoSamples();
        try (LoadedCascade onnx = LoadedCascade.load(exported, StageSpec.ONNX_RUNTIME);
                LoadedCascade torch = LoadedCascade.load(exported, StageSpec.PYTORCH);
                CascadeSession onnxSession = onnx.newSession();
                CascadeSession torchSession = torch.newSession()) {
            for (int i = 0; i < 50; i++) {
                Tensor onnxInput =
                        new Tensor(manifest.preprocessing().normalise(samples.image(i)), new long[] {1, 1, 28, 28});
                Tensor torchInput = onnxInput;
                for (int stage = 0; stage < 3; stage++) {
                    StageOutput a = onnxSession.run(stage, onnxInput);
                    StageOutput b = torchSession.run(stage, torchInput);
                    assertThat(a.prediction()).isEqualTo(b.prediction());
                    assertThat(a.confidence()).isCloseTo(b.confidence(), org.assertj.core.api.Assertions.within(1e-4));
                    onnxInput = a.hidden();
                    torchInput = b.hidden();
                }
            }
        }
    }
}
