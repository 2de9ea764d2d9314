package io.tierserve.worker.cascade;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.worker.onnx.OnnxGraph;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An uploaded stage model must load, read the cascade's input and score every label. */
class OnnxModelCheckTests {

    /** Flatten → Gemm (all weights 0.01) over an input {@code [N?, dims...]}, {@code classes} scores. */
    private static byte[] gemm(long[] inputDims, int features, int classes) {
        OnnxGraph graph = new OnnxGraph("check");
        String input = graph.input("input", inputDims);
        String flat = graph.node("Flatten", List.of(input), "flat", OnnxGraph.Attribute.integer("axis", 1));
        float[] weights = new float[classes * features];
        Arrays.fill(weights, 0.01f);
        String w = graph.initializer("w", new long[] {classes, features}, weights);
        String b = graph.initializer("b", new long[] {classes}, new float[classes]);
        graph.output(
                graph.node("Gemm", List.of(flat, w, b), "scores", OnnxGraph.Attribute.integer("transB", 1)),
                -1,
                classes);
        return graph.toModel("test");
    }

    @Test
    void aModelOfTheCascadesShapeAndLabelCountPasses() {
        assertThatCode(() -> OnnxModelCheck.check(gemm(new long[] {-1, 1, 4, 4}, 16, 3), List.of(1, 4, 4), 3))
                .doesNotThrowAnyException();
        assertThatCode(() -> OnnxModelCheck.check(gemm(new long[] {1, 1, 4, 4}, 16, 3), List.of(1, 4, 4), 3))
                .doesNotThrowAnyException();
    }

    @Test
    void bytesThatAreNoModelAreRefused() {
        assertThatThrownBy(() -> OnnxModelCheck.check("garbage".getBytes(StandardCharsets.UTF_8), List.of(4), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an ONNX model");
    }

    @Test
    void anotherInputShapeIsRefused() {
        assertThatThrownBy(() -> OnnxModelCheck.check(gemm(new long[] {-1, 1, 4, 4}, 16, 3), List.of(1, 5, 5), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 1, 5, 5]");
        assertThatThrownBy(() -> OnnxModelCheck.check(gemm(new long[] {2, 1, 4, 4}, 16, 3), List.of(1, 4, 4), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch axis");
    }

    @Test
    void anotherNumberOfScoresIsRefused() {
        assertThatThrownBy(() -> OnnxModelCheck.check(gemm(new long[] {-1, 1, 4, 4}, 16, 3), List.of(1, 4, 4), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 labels");
    }
}
