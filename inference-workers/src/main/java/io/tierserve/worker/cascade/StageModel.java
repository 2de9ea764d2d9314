package io.tierserve.worker.cascade;

import ai.djl.Device;
import java.nio.file.Path;

/** One stage's model, loaded once per device; {@link #newRunner()} hands out per-thread runners. */
interface StageModel extends AutoCloseable {

    /** A runner for one thread; the caller closes it. */
    StageRunner newRunner();

    @Override
    void close();

    static StageModel load(Path dir, StageSpec spec, boolean needHidden, Device device) {
        Path file = dir.resolve(spec.files().get(spec.engine()));
        boolean logits = "logits".equals(spec.output());
        return switch (spec.engine()) {
            case StageSpec.ONNX_RUNTIME -> OrtStageModel.load(file, spec.id(), needHidden, logits, device);
            case StageSpec.PYTORCH -> PyTorchStageModel.load(file, spec, needHidden, logits, device);
            case StageSpec.HASHED_NGRAMS, StageSpec.SENTENCE_ENCODER -> TextStageModels.load(file, spec, device);
            default -> throw new IllegalArgumentException("stage " + spec.id() + ": unknown engine " + spec.engine());
        };
    }
}
