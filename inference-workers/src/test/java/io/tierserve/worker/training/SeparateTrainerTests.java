package io.tierserve.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.CascadeSession;
import io.tierserve.worker.cascade.LoadedCascade;
import io.tierserve.worker.cascade.StageOutput;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.cascade.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains the three separate models briefly on a subset of Fashion-MNIST (Debian package {@code dataset-fashion-mnist}). */
class SeparateTrainerTests {

    @TempDir
    static Path dir;

    private static double[] accuracy;
    private static CascadeManifest manifest;

    private static final TrainingOptions SHORT =
            TrainingOptions.defaults().withEpochs(1).withLimits(2000, 500);

    @BeforeAll
    static void trainOnce() {
        try (TrainedModels models = SeparateTrainer.train(SHORT)) {
            accuracy = models.accuracy();
            manifest = models.export(dir);
        }
    }

    @Test
    void aSeededRunIsReproducibleToTheByte() throws Exception {
        Path second = dir.resolve("second");
        try (TrainedModels again = SeparateTrainer.train(SHORT)) {
            again.export(second);
            assertThat(again.accuracy()).containsExactly(accuracy);
        }
        for (String file : new String[] {"mlp.onnx", "small-cnn.onnx", "cnn.onnx", "cnn.params", "manifest.json"}) {
            assertThat(Files.readAllBytes(second.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve(file)));
        }
    }

    @Test
    void everyModelLearnsWellAboveChanceFromTwoThousandSamples() {
        assertThat(accuracy).hasSize(3);
        for (double model : accuracy) {
            assertThat(model).isGreaterThan(0.5);
        }
    }

    @Test
    void theManifestIsASeparateCascadeWhoseStagesFormALine() {
        assertThat(manifest.cascadeKind()).isEqualTo(CascadeKind.SEPARATE);
        assertThat(manifest.name()).isEqualTo(TrainedModels.CASCADE);
        assertThat(manifest.stages()).extracting(StageSpec::id).containsExactly("mlp", "small-cnn", "cnn");
        assertThat(manifest.parents()).containsExactly(-1, 0, 1);
    }

    @Test
    void eachStageReadsTheImageAndItsOnnxExportPredictsWhatItsPyTorchParametersPredict() {
        FashionMnist samples = FashionMnist.demoSamples();
        try (LoadedCascade onnx = LoadedCascade.load(dir, StageSpec.ONNX_RUNTIME);
                LoadedCascade torch = LoadedCascade.load(dir, StageSpec.PYTORCH);
                CascadeSession onnxSession = onnx.newSession();
                CascadeSession torchSession = torch.newSession()) {
            for (int i = 0; i < 50; i++) {
                Tensor image =
                        new Tensor(manifest.preprocessing().normalise(samples.image(i)), new long[] {1, 1, 28, 28});
                // Stages in reverse order: none needs another's output.
                for (int stage = 2; stage >= 0; stage--) {
                    StageOutput a = onnxSession.run(stage, image);
                    StageOutput b = torchSession.run(stage, image);
                    assertThat(a.hidden()).isNull();
                    assertThat(a.prediction()).isEqualTo(b.prediction());
                    assertThat(a.confidence()).isCloseTo(b.confidence(), within(1e-4));
                }
            }
        }
    }
}
