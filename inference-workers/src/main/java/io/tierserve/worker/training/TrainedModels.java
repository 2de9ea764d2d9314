package io.tierserve.worker.training;

import ai.djl.engine.Engine;
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

/** Separately trained models, their test accuracies, and export to a {@code separate} cascade directory. */
public final class TrainedModels implements AutoCloseable {

    /** The cascade name the separately trained models are published under. */
    public static final String CASCADE = "fashion-mnist-models";

    /** The factory that rebuilds these models' blocks for PyTorch parameter files. */
    public static final String ARCHITECTURE = SeparateStageBlocks.class.getName();

    private static final long[] IMAGE_CHW = {1, 28, 28};

    private final List<TrainedNetwork> models;
    private final TrainingOptions options;

    TrainedModels(List<TrainedNetwork> models, TrainingOptions options) {
        this.models = List.copyOf(models);
        this.options = options;
    }

    /** Per model, the accuracy on the test samples the options named. */
    public double[] accuracy() {
        double[] accuracy = new double[models.size()];
        for (int k = 0; k < accuracy.length; k++) {
            accuracy[k] = models.get(k).accuracy()[0];
        }
        return accuracy;
    }

    /**
     * Writes {@code manifest.json}, one ONNX file and one DJL parameter file per model into {@code
     * dir}. Every stage reads the image; each names the one before it as its parent, which orders the
     * line that policies walk (a skip policy may pass over a stage, see the module README).
     */
    public CascadeManifest export(Path dir) {
        try {
            Files.createDirectories(dir);
            List<StageSpec> specs = new ArrayList<>();
            String parent = null;
            for (TrainedNetwork model : models) {
                StageBlock stage = model.stages().get(0);
                String id = stage.architecture().id();
                Files.write(dir.resolve(id + ".onnx"), OnnxStageExporter.export(stage, IMAGE_CHW, false));
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
                parent = id;
            }
            CascadeManifest manifest = new CascadeManifest(
                    1,
                    CASCADE,
                    CascadeKind.SEPARATE.json(),
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
        double[] accuracy = accuracy();
        for (int i = 0; i < accuracy.length; i++) {
            accuracies.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.4f", accuracy[i]));
        }
        return String.format(
                Locale.ROOT,
                "java -jar inference-workers/target/inference-workers.jar train --kind separate --epochs %d --seed %d"
                        + " --train-limit %d (DJL %s, PyTorch engine, model k seeded %d + k, batch %d, Adam lr %s);"
                        + " test accuracy per model on %d samples: %s",
                options.epochs(),
                options.seed(),
                options.trainLimit(),
                Engine.getDjlVersion(),
                options.seed(),
                options.batchSize(),
                options.learningRate(),
                options.testLimit(),
                accuracies);
    }

    @Override
    public void close() {
        models.forEach(TrainedNetwork::close);
    }
}
