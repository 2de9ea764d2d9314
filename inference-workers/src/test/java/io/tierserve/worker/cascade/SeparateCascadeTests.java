package io.tierserve.worker.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.worker.onnx.OnnxGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant-style cascade of two separate ONNX models, each reading the input. */
class SeparateCascadeTests {

    @TempDir
    Path dir;

    @Test
    void everyStageOfASeparateCascadeReadsThePreprocessedInput() throws Exception {
        // Stage "small" scores class c as input[c]; stage "big" as 2 * input[3 - c] (probabilities out).
        writeLinear("small.onnx", new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, false);
        writeLinear("big.onnx", new float[] {0, 0, 0, 2, 0, 0, 2, 0, 0, 2, 0, 0, 2, 0, 0, 0}, true);
        CascadeManifest manifest = new CascadeManifest(
                1,
                "tenant-separate",
                CascadeKind.SEPARATE.json(),
                List.of(4),
                Preprocessing.fashionMnist(),
                List.of("a", "b", "c", "d"),
                List.of(
                        new StageSpec(
                                "small",
                                null,
                                StageSpec.ONNX_RUNTIME,
                                Map.of(StageSpec.ONNX_RUNTIME, "small.onnx"),
                                null,
                                "logits"),
                        new StageSpec(
                                "big",
                                "small",
                                StageSpec.ONNX_RUNTIME,
                                Map.of(StageSpec.ONNX_RUNTIME, "big.onnx"),
                                null,
                                "probabilities")),
                "test");
        Manifests.write(dir, manifest);
        Tensor input = new Tensor(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new long[] {1, 4});
        try (LoadedCascade cascade = LoadedCascade.load(dir);
                CascadeSession session = cascade.newSession()) {
            StageOutput small = session.run(0, input);
            StageOutput big = session.run(1, input);
            assertThat(small.hidden()).isNull();
            assertThat(small.prediction()).isEqualTo(3);
            assertThat(small.probabilities()[3])
                    .isCloseTo(
                            (float) (Math.exp(0.4) / (Math.exp(0.1) + Math.exp(0.2) + Math.exp(0.3) + Math.exp(0.4))),
                            within(1e-6f));
            // "probabilities" outputs are taken as they are: [0.8, 0.6, 0.4, 0.2].
            assertThat(big.probabilities()).containsExactly(new float[] {0.8f, 0.6f, 0.4f, 0.2f}, within(1e-6f));
            assertThat(big.prediction()).isEqualTo(0);
        }
    }

    @Test
    void anEarlyExitStageWithoutAHiddenOutputIsRejectedAtLoad() throws Exception {
        writeLinear("only-scores.onnx", new float[16], false);
        CascadeManifest manifest = new CascadeManifest(
                1,
                "broken",
                CascadeKind.EARLY_EXIT.json(),
                List.of(4),
                Preprocessing.fashionMnist(),
                List.of("a", "b", "c", "d"),
                List.of(
                        new StageSpec(
                                "first",
                                null,
                                StageSpec.ONNX_RUNTIME,
                                Map.of(StageSpec.ONNX_RUNTIME, "only-scores.onnx"),
                                null,
                                "logits"),
                        new StageSpec(
                                "second",
                                "first",
                                StageSpec.ONNX_RUNTIME,
                                Map.of(StageSpec.ONNX_RUNTIME, "only-scores.onnx"),
                                null,
                                "logits")),
                "test");
        Manifests.write(dir, manifest);
        assertThatThrownBy(() -> LoadedCascade.load(dir).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hidden");
    }

    @Test
    void aManifestListingAChildBeforeItsParentIsRejected() {
        assertThatThrownBy(() -> new CascadeManifest(
                        1,
                        "x",
                        "separate",
                        List.of(4),
                        Preprocessing.fashionMnist(),
                        List.of(),
                        List.of(new StageSpec(
                                "b",
                                "a",
                                StageSpec.ONNX_RUNTIME,
                                Map.of(StageSpec.ONNX_RUNTIME, "b.onnx"),
                                null,
                                null)),
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be listed before it");
    }

    private void writeLinear(String file, float[] weight, boolean probabilities) throws Exception {
        OnnxGraph graph = new OnnxGraph(file);
        String x = graph.input("input", -1, 4);
        String w = graph.initializer("w", new long[] {4, 4}, weight);
        String b = graph.initializer("b", new long[] {4}, new float[4]);
        String out = probabilities ? "probabilities" : "logits";
        graph.node("Gemm", List.of(x, w, b), out, OnnxGraph.Attribute.integer("transB", 1));
        graph.output(out, -1, 4);
        Files.write(dir.resolve(file), graph.toModel("test"));
    }
}
