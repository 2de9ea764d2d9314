package io.tierserve.worker.cascade;

import java.util.List;

/**
 * One thread's runners (predictors) for every stage of a cascade. Not thread-safe: a session is used
 * by one thread at a time (the engine pools them), which is what DJL requires of a predictor.
 */
public final class CascadeSession implements AutoCloseable {

    private final List<StageRunner> runners;

    CascadeSession(List<StageRunner> runners) {
        this.runners = runners;
    }

    /** Runs stage {@code stage} on {@code input} (the image, or its parent's hidden state). */
    public StageOutput run(int stage, Tensor input) {
        return runners.get(stage).run(input);
    }

    @Override
    public void close() {
        runners.forEach(StageRunner::close);
    }
}
