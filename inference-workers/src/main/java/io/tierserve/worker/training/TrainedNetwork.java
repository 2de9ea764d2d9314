package io.tierserve.worker.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.Manifests;
import io.tierserve.worker.cascade.Preprocessing;
import io.tierserve.worker.cascade.StageSpec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A trained demo network: its per-exit test accuracy, and export to a cascade directory. */
public final class TrainedNetwork implements AutoCloseable {

    /** The cascade name the demo family is published under. */
    public static final String CASCADE = "fashion-mnist";

    /** The factory that rebuilds this family's blocks for PyTorch parameter files. */
    public static final String ARCHITECTURE = DemoStageBlocks.class.getName();

    private final Model model;
    private final EarlyExitNetwork network;
    private final double[] accuracy;
    private final TrainingOptions options;

    TrainedNetwork(Model model, EarlyExitNetwork network, double[] accuracy, TrainingOptions options) {
        this.model = model;
        this.network = network;
        this.accuracy = accuracy;
        this.options = options;
    }

    /** The trained exits, in order. */
    List<StageBlock> stages() {
        return network.stages();
    }

    /** Per exit, the accuracy on the test samples the options named. */
    public double[] accuracy() {
        return accuracy.clone();
    }

    /**
     * Writes {@code manifest.json}, one ONNX file and one DJL parameter file per exit into {@code dir};
     * the manifest serves the ONNX files.
     */
    public CascadeManifest export(Path dir) {
        try {
            Files.createDirectories(dir);
            List<StageSpec> specs = new ArrayList<>();
            long[] inputChw = {1, 28, 28};
            List<StageBlock> stages = network.stages();
            String parent = null;
            for (int i = 0; i < stages.size(); i++) {
                StageBlock stage = stages.get(i);
                String id = stage.architecture().id();
                boolean last = i == stages.size() - 1;
                Files.write(dir.resolve(id + ".onnx"), OnnxStageExporter.export(stage, inputChw, !last));
                try (OutputStream out = Files.newOutputStream(dir.resolve(id + ".params"));
                        DataOutputStream data = new DataOutputStream(out)) {
                    stage.saveParameters(data);
                }
                specs.add(new StageSpec(
                        id,
                        parent,
                        StageSpec.ONNX_RUNTIME,
                        Map.of(StageSpec.ONNX_RUNTIME, id + ".onnx", StageSpec.PYTORCH, id + ".params"),
                        ARCHITECTURE,
                        "logits"));
                Shape input = new Shape(1, inputChw[0], inputChw[1], inputChw[2]);
                long[] hidden = stage.getOutputShapes(new Shape[] {input})[0].getShape();
                inputChw = new long[] {hidden[1], hidden[2], hidden[3]};
                parent = id;
            }
            CascadeManifest manifest = new CascadeManifest(
                    1,
                    CASCADE,
                    CascadeKind.EARLY_EXIT.json(),
                    List.of(1, 28, 28),
                    Preprocessing.fashionMnist(),
                    FashionMnist.LABELS,
                    specs,
                    provenance());
            Manifests.write(dir, manifest);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export to " + dir, e);
        }
    }

    private String provenance() {
        StringBuilder accuracies = new StringBuilder();
        for (int i = 0; i < accuracy.length; i++) {
            accuracies.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.4f", accuracy[i]));
        }
        return String.format(
                Locale.ROOT,
                "java -jar inference-workers/target/inference-workers.jar train --epochs %d --seed %d"
                        + " --train-limit %d (DJL %s, PyTorch engine, batch %d, Adam lr %s);"
                        + " test accuracy per exit on %d samples: %s",
                options.epochs(),
                options.seed(),
                options.trainLimit(),
                Engine.getDjlVersion(),
                options.batchSize(),
                options.learningRate(),
                options.testLimit(),
                accuracies);
    }

    @Override
    public void close() {
        model.close();
    }
}
