package io.tierserve.worker.cascade;

/** Runs one stage for one thread; never shared between threads. */
interface StageRunner extends AutoCloseable {

    StageOutput run(Tensor input);

    @Override
    void close();
}
