package io.tierserve.worker.cascade;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.nn.Block;
import ai.djl.translate.TranslateException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stage stored as DJL parameters, run on DJL's PyTorch engine: one {@link Model} per stage, one
 * {@link Predictor} per thread.
 */
final class PyTorchStageModel implements StageModel {

    private final Model model;
    private final StageTranslator translator;
    private final Device device;

    private PyTorchStageModel(Model model, StageTranslator translator, Device device) {
        this.model = model;
        this.translator = translator;
        this.device = device;
    }

    static PyTorchStageModel load(Path file, StageSpec spec, boolean needHidden, boolean logits, Device device) {
        Model model = Model.newInstance(spec.id(), device, StageSpec.PYTORCH);
        try {
            Block block = blockFactory(spec).create(spec.id());
            model.setBlock(block);
            try (InputStream in = Files.newInputStream(file);
                    DataInputStream data = new DataInputStream(in)) {
                block.loadParameters(model.getNDManager(), data);
            }
            return new PyTorchStageModel(model, new StageTranslator(needHidden, logits), device);
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot load stage " + spec.id() + " from " + file, e);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalStateException(
                    "cannot load stage " + spec.id() + " from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StageRunner newRunner() {
        Predictor<Tensor, StageOutput> predictor = model.newPredictor(translator, device);
        return new StageRunner() {
            @Override
            public StageOutput run(Tensor input) {
                try {
                    return predictor.predict(input);
                } catch (TranslateException e) {
                    throw new IllegalStateException("stage " + model.getName() + " failed: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                predictor.close();
            }
        };
    }

    private static StageBlockFactory blockFactory(StageSpec spec) {
        if (spec.architecture() == null) {
            throw new IllegalArgumentException("stage " + spec.id() + ": PyTorch parameters need an architecture");
        }
        try {
            return Class.forName(spec.architecture())
                    .asSubclass(StageBlockFactory.class)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(
                    "stage " + spec.id() + ": architecture " + spec.architecture() + " is not a StageBlockFactory", e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
