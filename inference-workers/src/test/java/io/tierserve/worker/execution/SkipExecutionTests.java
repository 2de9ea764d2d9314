package io.tierserve.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.Manifests;
import io.tierserve.worker.cascade.Preprocessing;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.onnx.OnnxGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A skip policy (docs/algorithms.md#skip-edges) may pass over a separate model's parent, never over
 * an early exit's.
 */
class SkipExecutionTests {

    @TempDir
    Path dir;

    @Test
    void aSkipPolicyRunsASeparateStageWithoutItsParent() throws Exception {
        // Three identity scorers over 4 classes, listed as a line a -> b -> c.
        List<StageSpec> stages = new ArrayList<>();
        String parent = null;
        for (String id : new String[] {"a", "b", "c"}) {
            writeIdentity(id + ".onnx");
            stages.add(new StageSpec(
                    id, parent, StageSpec.ONNX_RUNTIME, Map.of(StageSpec.ONNX_RUNTIME, id + ".onnx"), null, "logits"));
            parent = id;
        }
        Manifests.write(
                dir,
                new CascadeManifest(
                        1,
                        "line",
                        CascadeKind.SEPARATE.json(),
                        List.of(4),
                        Preprocessing.fashionMnist(),
                        List.of("w", "x", "y", "z"),
                        stages,
                        "test"));
        try (InferenceEngine engine = InferenceEngine.create()) {
            engine.load(dir);
            Prediction p = engine.execute(new InferenceRequest(
                    "line",
                    new ScriptedPolicy(3, new int[] {0, 2}, 2),
                    null,
                    InferenceInput.tensor(new long[] {4}, new float[] {0.1f, 0.2f, 0.9f, 0.3f}),
                    Long.MAX_VALUE,
                    0.5));
            assertThat(p.trace().stages()).extracting(StageTrace::stage).containsExactly("a", "c");
            assertThat(p.trace().answeringStage()).isEqualTo("c");
            assertThat(p.label()).isEqualTo(2);
        }
    }

    @Test
    void anEarlyExitCannotRunWithoutItsParentsHiddenState() {
        try (InferenceEngine engine = InferenceEngine.withDemo()) {
            float[] zeros = new float[28 * 28];
            assertThatThrownBy(() -> engine.execute(new InferenceRequest(
                            "fashion-mnist",
                            new ScriptedPolicy(3, new int[] {0, 2}, 2),
                            null,
                            InferenceInput.tensor(new long[] {1, 28, 28}, zeros),
                            Long.MAX_VALUE,
                            0.5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before its parent");
        }
    }

    private void writeIdentity(String file) throws Exception {
        float[] identity = new float[16];
        for (int i = 0; i < 4; i++) {
            identity[i * 4 + i] = 1;
        }
        OnnxGraph graph = new OnnxGraph(file);
        String x = graph.input("input", -1, 4);
        String w = graph.initializer("w", new long[] {4, 4}, identity);
        String b = graph.initializer("b", new long[] {4}, new float[4]);
        graph.node("Gemm", List.of(x, w, b), "logits", OnnxGraph.Attribute.integer("transB", 1));
        graph.output("logits", -1, 4);
        Files.write(dir.resolve(file), graph.toModel("test"));
    }
}
