package io.tierserve.worker.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxGraphTests {

    @Test
    void aHandWrittenGemmReluGraphComputesWhatOnnxRuntimeComputes() throws Exception {
        OnnxGraph graph = new OnnxGraph("tiny");
        String x = graph.input("input", -1, 2);
        // Y = relu(X · Wᵀ + b) with W = [[1, 2], [-3, 4], [0.5, -1]], b = [0.1, 0.2, -0.3].
        String w = graph.initializer("w", new long[] {3, 2}, new float[] {1, 2, -3, 4, 0.5f, -1});
        String b = graph.initializer("b", new long[] {3}, new float[] {0.1f, 0.2f, -0.3f});
        String gemm = graph.node("Gemm", List.of(x, w, b), "gemm", OnnxGraph.Attribute.integer("transB", 1));
        graph.output(graph.node("Relu", List.of(gemm), "logits"), -1, 3);
        byte[] model = graph.toModel("test");

        Engine.getEngine("OnnxRuntime");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1, -1}), new long[] {1, 2});
                OrtSession.Result result = session.run(Map.of("input", in))) {
            float[] out = ((float[][]) result.get(0).getValue())[0];
            // [1-2+0.1, -3-4+0.2, 0.5+1-0.3] = [-0.9, -6.8, 1.2] -> relu
            assertThat(out[0]).isEqualTo(0f);
            assertThat(out[1]).isEqualTo(0f);
            assertThat(out[2]).isCloseTo(1.2f, within(1e-6f));
        }
    }

    @Test
    void convolutionPaddingAndPoolingFollowTheOnnxSemantics() throws Exception {
        OnnxGraph graph = new OnnxGraph("conv");
        String x = graph.input("input", -1, 1, 4, 4);
        // A 3×3 all-ones kernel with padding 1 sums each pixel's neighbourhood.
        String w = graph.initializer("w", new long[] {1, 1, 3, 3}, new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
        String b = graph.initializer("b", new long[] {1}, new float[] {0});
        String conv = graph.node(
                "Conv",
                List.of(x, w, b),
                "conv",
                OnnxGraph.Attribute.ints("kernel_shape", 3, 3),
                OnnxGraph.Attribute.ints("pads", 1, 1, 1, 1),
                OnnxGraph.Attribute.ints("strides", 1, 1));
        String pool = graph.node(
                "MaxPool",
                List.of(conv),
                "pool",
                OnnxGraph.Attribute.ints("kernel_shape", 2, 2),
                OnnxGraph.Attribute.ints("strides", 2, 2));
        graph.output(graph.node("Flatten", List.of(pool), "flat", OnnxGraph.Attribute.integer("axis", 1)), -1, 4);

        float[] ones = new float[16];
        java.util.Arrays.fill(ones, 1);
        Engine.getEngine("OnnxRuntime");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(graph.toModel("test"), new OrtSession.SessionOptions());
                OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(ones), new long[] {1, 1, 4, 4});
                OrtSession.Result result = session.run(Map.of("input", in))) {
            // Interior pixels of a 4×4 ones image see 9 ones; each 2×2 pool window holds one interior pixel.
            assertThat(((float[][]) result.get(0).getValue())[0]).containsExactly(9, 9, 9, 9);
        }
    }
}
