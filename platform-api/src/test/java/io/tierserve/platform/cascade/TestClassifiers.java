package io.tierserve.platform.cascade;

import io.tierserve.policy.profile.Profile;
import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.Manifests;
import io.tierserve.worker.cascade.Preprocessing;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.onnx.OnnxGraph;
import io.tierserve.worker.profiling.LabelledInputs;
import io.tierserve.worker.profiling.Profiler;
import io.tierserve.worker.training.FashionMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small ONNX classifiers of Fashion-MNIST-shaped input, built with the worker's ONNX writer, and their profile. */
public final class TestClassifiers {

    private TestClassifiers() {}

    /** Flatten → Gemm (784 → classes, seeded weights) → Softmax. */
    public static byte[] classifier(String name, long seed, int classes) {
        Random random = new Random(seed);
        int inputs = 28 * 28;
        float[] weights = new float[classes * inputs];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (random.nextGaussian() * 0.05);
        }
        float[] bias = new float[classes];
        OnnxGraph graph = new OnnxGraph(name);
        String input = graph.input("input", -1, 1, 28, 28);
        String flat = graph.node("Flatten", List.of(input), "flat", OnnxGraph.Attribute.integer("axis", 1));
        String w = graph.initializer("w", new long[] {classes, inputs}, weights);
        String b = graph.initializer("b", new long[] {classes}, bias);
        String logits = graph.node("Gemm", List.of(flat, w, b), "logits", OnnxGraph.Attribute.integer("transB", 1));
        String probabilities =
                graph.node("Softmax", List.of(logits), "probabilities", OnnxGraph.Attribute.integer("axis", 1));
        graph.output(probabilities, -1, classes);
        return graph.toModel("tierserve-tests");
    }

    /** What the worker's profiler measures for the two models on the 200 committed demo samples. */
    public static Profile profile(Path temp, byte[] small, byte[] large) throws IOException {
        Files.write(temp.resolve("small.onnx"), small);
        Files.write(temp.resolve("large.onnx"), large);
        Manifests.write(
                temp,
                new CascadeManifest(
                        1,
                        "profiled-upload",
                        CascadeKind.SEPARATE.json(),
                        List.of(1, 28, 28),
                        Preprocessing.fashionMnist(),
                        FashionMnist.LABELS,
                        List.of(
                                new StageSpec(
                                        "small",
                                        null,
                                        StageSpec.ONNX_RUNTIME,
                                        Map.of(StageSpec.ONNX_RUNTIME, "small.onnx"),
                                        null,
                                        "probabilities"),
                                new StageSpec(
                                        "large",
                                        "small",
                                        StageSpec.ONNX_RUNTIME,
                                        Map.of(StageSpec.ONNX_RUNTIME, "large.onnx"),
                                        null,
                                        "probabilities")),
                        "test"));
        try (InferenceEngine engine = InferenceEngine.create()) {
            String name = engine.load(temp);
            return Profiler.profile(
                    engine,
                    name,
                    LabelledInputs.of(FashionMnist.demoSamples(), Preprocessing.fashionMnist()),
                    20,
                    "cpu");
        }
    }
}
