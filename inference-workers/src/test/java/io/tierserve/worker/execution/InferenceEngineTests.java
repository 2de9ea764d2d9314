package io.tierserve.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.worker.cascade.StageOutput;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.training.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Executes the committed demo cascade on the committed test samples. */
class InferenceEngineTests {

    private static final String CASCADE = "fashion-mnist";
    private static final CascadePolicy FULL_MODEL = new ScriptedPolicy(3, new int[] {0, 1, 2}, 2);

    private static InferenceEngine engine;
    private static FashionMnist samples;

    @BeforeAll
    static void load() {
        engine = InferenceEngine.withDemo();
        samples = FashionMnist.demoSamples();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theDemoCascadeIsLoadedUnderItsManifestName() {
        assertThat(engine.cascades()).containsExactly(CASCADE);
        assertThat(engine.manifest(CASCADE).stages()).hasSize(3);
    }

    @Test
    void theFullModelIsAccurateOnRealTestImages() {
        int correct = 0;
        for (int i = 0; i < samples.count(); i++) {
            Prediction p = engine.execute(CASCADE, FULL_MODEL, raw(i));
            correct += p.label() == samples.labels()[i] ? 1 : 0;
        }
        assertThat((double) correct / samples.count()).isGreaterThan(0.8);
    }

    @Test
    void recallAnswersWithAnEarlierStagesOutputAndSaysSo() {
        CascadePolicy runAllAnswerFirst = new ScriptedPolicy(3, new int[] {0, 1, 2}, 0);
        Prediction p = engine.execute(CASCADE, runAllAnswerFirst, raw(0));
        StageOutput first = engine.withSession(CASCADE, s -> s.run(0, tensor(0)));

        assertThat(p.trace().stages()).extracting(StageTrace::stage).containsExactly("exit1", "exit2", "exit3");
        assertThat(p.trace().answeringStage()).isEqualTo("exit1");
        assertThat(p.trace().recalled()).isTrue();
        assertThat(p.label()).isEqualTo(first.prediction());
        assertThat(p.probabilities()).containsExactly(first.probabilities());
    }

    @Test
    void earlyExitStagesContinueFromTheParentsHiddenStateLikeTheProfilePath() {
        Prediction p = engine.execute(CASCADE, FULL_MODEL, raw(3));
        StageOutput last = engine.withSession(CASCADE, s -> {
            Tensor hidden = s.run(0, tensor(3)).hidden();
            hidden = s.run(1, hidden).hidden();
            return s.run(2, hidden);
        });
        assertThat(p.trace().recalled()).isFalse();
        assertThat(p.probabilities()).containsExactly(last.probabilities());
        assertThat(p.trace().modelNanos())
                .isPositive()
                .isLessThanOrEqualTo(p.trace().totalNanos());
    }

    @Test
    void aStoppingPolicyRunsOnlyTheFirstStage() {
        Prediction p = engine.execute(CASCADE, new ScriptedPolicy(3, new int[] {0}, 0), raw(1));
        assertThat(p.trace().stages()).hasSize(1);
        assertThat(p.trace().answeringStage()).isEqualTo("exit1");
        assertThat(p.trace().recalled()).isFalse();
        assertThat(p.trace().deadlineHit()).isFalse();
    }

    @Test
    void anExpiredDeadlineStillAnswersWithTheFirstStageAndReportsTheHit() {
        Prediction p = engine.execute(new InferenceRequest(CASCADE, FULL_MODEL, null, raw(2), 1, 0.5));
        assertThat(p.trace().stages()).extracting(StageTrace::stage).containsExactly("exit1");
        assertThat(p.trace().deadlineHit()).isTrue();
    }

    @Test
    void binsAreReportedWhenTheCallerGivesThem() {
        ConfidenceBins bins = new ConfidenceBins(new double[][] {{0.5}, {0.5}, {0.5}});
        Prediction p = engine.execute(new InferenceRequest(CASCADE, FULL_MODEL, bins, raw(4), Long.MAX_VALUE, 0));
        for (StageTrace stage : p.trace().stages()) {
            assertThat(stage.bin()).isEqualTo(stage.confidence() <= 0.5 ? 0 : 1);
        }
        Prediction unbinned = engine.execute(CASCADE, FULL_MODEL, raw(4));
        assertThat(unbinned.trace().stages())
                .allSatisfy(s -> assertThat(s.bin()).isEqualTo(-1));
    }

    @Test
    void aPngOfATestImagePredictsWhatItsRawTensorPredicts() throws Exception {
        for (int i = 0; i < 20; i++) {
            Prediction fromPng = engine.execute(CASCADE, FULL_MODEL, InferenceInput.image(png(i)));
            Prediction fromTensor = engine.execute(CASCADE, FULL_MODEL, raw(i));
            assertThat(fromPng.label()).isEqualTo(fromTensor.label());
            assertThat(fromPng.probabilities()).containsExactly(fromTensor.probabilities());
        }
    }

    @Test
    void anUpscaledRgbPngIsConvertedAndResizedBackToTheOriginalPixels() throws Exception {
        for (int i = 0; i < 10; i++) {
            BufferedImage rgb = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
            float[] pixels = samples.image(i);
            for (int y = 0; y < 56; y++) {
                for (int x = 0; x < 56; x++) {
                    int v = (int) pixels[(y / 2) * 28 + x / 2];
                    rgb.setRGB(x, y, (v << 16) | (v << 8) | v);
                }
            }
            Prediction fromRgb = engine.execute(CASCADE, FULL_MODEL, InferenceInput.image(encode(rgb, "png")));
            Prediction fromTensor = engine.execute(CASCADE, FULL_MODEL, raw(i));
            assertThat(fromRgb.label()).isEqualTo(fromTensor.label());
            assertThat(fromRgb.confidence())
                    .isCloseTo(fromTensor.confidence(), org.assertj.core.api.Assertions.within(1e-4));
        }
    }

    @Test
    void jpegImagesAreDecodedAndMostlyPredictTheSameLabel() throws Exception {
        int same = 0;
        for (int i = 0; i < 20; i++) {
            BufferedImage gray = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            gray.getRaster().setPixels(0, 0, 28, 28, samples.image(i));
            Prediction fromJpeg = engine.execute(CASCADE, FULL_MODEL, InferenceInput.image(encode(gray, "jpg")));
            same += fromJpeg.label()
                            == engine.execute(CASCADE, FULL_MODEL, raw(i)).label()
                    ? 1
                    : 0;
        }
        // JPEG is lossy, so a borderline image may flip; most must not.
        assertThat(same).isGreaterThanOrEqualTo(16);
    }

    @Test
    void badInputsAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> engine.execute(CASCADE, FULL_MODEL, InferenceInput.image("not base64 !!")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("base64");
        String notAnImage =
                Base64.getEncoder().encodeToString("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> engine.execute(CASCADE, FULL_MODEL, InferenceInput.image(notAnImage)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be decoded");
        assertThatThrownBy(() -> engine.execute(
                        CASCADE, FULL_MODEL, InferenceInput.tensor(new long[] {1, 27, 28}, new float[27 * 28])))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("shape");
        float[] nan = new float[784];
        nan[100] = Float.NaN;
        assertThatThrownBy(() ->
                        engine.execute(CASCADE, FULL_MODEL, InferenceInput.tensor(new long[] {1, 28, 28}, nan)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("index 100");
    }

    @Test
    void aPolicyForAnotherCascadeShapeIsRefused() {
        assertThatThrownBy(() -> engine.execute(CASCADE, new ScriptedPolicy(2, new int[] {0}, 0), raw(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 stages");
    }

    @Test
    void sessionsAreNotSharedBetweenConcurrentCallers() throws Exception {
        Thread[] threads = new Thread[4];
        int[] correct = new int[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < samples.count(); i++) {
                    Prediction p = engine.execute(CASCADE, FULL_MODEL, raw(i));
                    correct[id] += p.label() == samples.labels()[i] ? 1 : 0;
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(correct).containsOnly(correct[0]);
    }

    private static Tensor tensor(int i) {
        return new Tensor(
                engine.manifest(CASCADE).preprocessing().normalise(samples.image(i)), new long[] {1, 1, 28, 28});
    }

    private static InferenceInput raw(int i) {
        return InferenceInput.tensor(new long[] {1, 28, 28}, tensor(i).data());
    }

    private static String png(int i) throws Exception {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, 28, 28, samples.image(i));
        return encode(image, "png");
    }

    private static String encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
