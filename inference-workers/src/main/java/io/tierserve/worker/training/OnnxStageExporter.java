package io.tierserve.worker.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.tierserve.worker.onnx.OnnxGraph;
import io.tierserve.worker.onnx.OnnxGraph.Attribute;
import java.util.List;

/**
 * Writes one trained exit as an ONNX graph: input {@code input} (the parent's hidden state or the
 * image), outputs {@code hidden} (the trunk's output, for the next exit; omitted for the last) and
 * {@code logits}.
 *
 * <p>Batch normalisation is folded into the preceding convolution (inference-time statistics):
 * {@code W' = W·γ/√(σ²+ε)}, {@code b' = (b−μ)·γ/√(σ²+ε) + β}; the graph then needs only Conv, Relu,
 * MaxPool, Flatten and Gemm.
 */
final class OnnxStageExporter {

    private OnnxStageExporter() {}

    static byte[] export(StageBlock stage, long[] inputChw, boolean withHidden) {
        StageArchitecture architecture = stage.architecture();
        OnnxGraph graph = new OnnxGraph(architecture.id());
        String current = graph.input("input", -1, inputChw[0], inputChw[1], inputChw[2]);
        List<Block> trunkBlocks = stage.trunkBlocks();
        List<Layer> trunk = architecture.trunk();
        for (int i = 0; i < trunk.size(); i++) {
            Layer layer = trunk.get(i);
            boolean last = i == trunk.size() - 1;
            String out = last ? "hidden" : "t" + i;
            if (layer instanceof Layer.Conv conv) {
                float[] weight = parameter(trunkBlocks.get(i), "weight");
                float[] bias = parameter(trunkBlocks.get(i), "bias");
                long[] weightDims = trunkBlocks
                        .get(i)
                        .getParameters()
                        .get("weight")
                        .getArray()
                        .getShape()
                        .getShape();
                if (i + 1 < trunk.size() && trunk.get(i + 1) instanceof Layer.BatchNorm bn) {
                    fold(weight, bias, trunkBlocks.get(i + 1), bn.epsilon());
                    i++;
                    last = i == trunk.size() - 1;
                    out = last ? "hidden" : "t" + i;
                }
                String w = graph.initializer(architecture.id() + ".conv" + i + ".weight", weightDims, weight);
                String b = graph.initializer(architecture.id() + ".conv" + i + ".bias", new long[] {bias.length}, bias);
                long p = conv.padding();
                current = graph.node(
                        "Conv",
                        List.of(current, w, b),
                        out,
                        Attribute.ints("kernel_shape", conv.kernel(), conv.kernel()),
                        Attribute.ints("pads", p, p, p, p),
                        Attribute.ints("strides", 1, 1));
            } else if (layer instanceof Layer.Relu) {
                current = graph.node("Relu", List.of(current), out);
            } else if (layer instanceof Layer.MaxPool pool) {
                long k = pool.window();
                current = graph.node(
                        "MaxPool",
                        List.of(current),
                        out,
                        Attribute.ints("kernel_shape", k, k),
                        Attribute.ints("strides", k, k));
            } else {
                throw new IllegalArgumentException("trunk layer not exportable: " + layer);
            }
        }
        if (withHidden) {
            long[] hidden =
                    stage.getOutputShapes(new Shape[] {new Shape(1, inputChw[0], inputChw[1], inputChw[2])})[0]
                            .getShape();
            graph.output("hidden", -1, hidden[1], hidden[2], hidden[3]);
        }
        current = exportHead(graph, stage, current);
        graph.output(current, -1, DemoArchitecture.CLASSES);
        return graph.toModel("tierserve-inference-workers");
    }

    private static String exportHead(OnnxGraph graph, StageBlock stage, String input) {
        List<Layer> head = stage.architecture().head();
        List<Block> blocks = stage.headBlocks();
        String current = input;
        for (int i = 0; i < head.size(); i++) {
            Layer layer = head.get(i);
            String out = i == head.size() - 1 ? "logits" : "h" + i;
            if (layer instanceof Layer.Flatten) {
                current = graph.node("Flatten", List.of(current), out, Attribute.integer("axis", 1));
            } else if (layer instanceof Layer.Relu) {
                current = graph.node("Relu", List.of(current), out);
            } else if (layer instanceof Layer.Dense) {
                NDArray weightArray =
                        blocks.get(i).getParameters().get("weight").getArray();
                String prefix = stage.architecture().id() + ".dense" + i;
                String w = graph.initializer(
                        prefix + ".weight", weightArray.getShape().getShape(), weightArray.toFloatArray());
                float[] bias = parameter(blocks.get(i), "bias");
                String b = graph.initializer(prefix + ".bias", new long[] {bias.length}, bias);
                // DJL's Linear weight is (units, inputs): Y = X·Wᵀ + b, hence transB.
                current = graph.node("Gemm", List.of(current, w, b), out, Attribute.integer("transB", 1));
            } else {
                throw new IllegalArgumentException("head layer not exportable: " + layer);
            }
        }
        return current;
    }

    private static void fold(float[] weight, float[] bias, Block batchNorm, float epsilon) {
        float[] gamma = parameter(batchNorm, "gamma");
        float[] beta = parameter(batchNorm, "beta");
        float[] mean = parameter(batchNorm, "runningMean");
        float[] variance = parameter(batchNorm, "runningVar");
        int channels = bias.length;
        int perChannel = weight.length / channels;
        for (int c = 0; c < channels; c++) {
            float scale = (float) (gamma[c] / Math.sqrt(variance[c] + epsilon));
            for (int j = 0; j < perChannel; j++) {
                weight[c * perChannel + j] *= scale;
            }
            bias[c] = (bias[c] - mean[c]) * scale + beta[c];
        }
    }

    private static float[] parameter(Block block, String name) {
        return block.getParameters().get(name).getArray().toFloatArray();
    }
}
