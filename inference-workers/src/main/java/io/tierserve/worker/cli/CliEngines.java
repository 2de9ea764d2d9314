package io.tierserve.worker.cli;

import io.tierserve.worker.execution.InferenceEngine;
import java.nio.file.Path;

/** Opens the engine a command works on: the cascade in {@code --cascade DIR}, else the committed demo. */
final class CliEngines {

    private CliEngines() {}

    static InferenceEngine open(String cascadeDir) {
        if (cascadeDir == null) {
            return InferenceEngine.withDemo();
        }
        InferenceEngine engine = InferenceEngine.create();
        try {
            engine.load(Path.of(cascadeDir));
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }
}
