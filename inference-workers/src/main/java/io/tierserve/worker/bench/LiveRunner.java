package io.tierserve.worker.bench;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.execution.InferenceRequest;
import io.tierserve.worker.execution.Prediction;
import io.tierserve.worker.profiling.LabelledInputs;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Executes a policy live on a set of samples and measures what a caller sees. */
final class LiveRunner {

    private final InferenceEngine engine;
    private final String cascade;
    private final LabelledInputs data;
    private final int[] samples;
    private final long[] inputShape;

    LiveRunner(InferenceEngine engine, String cascade, LabelledInputs data, int[] samples) {
        this.engine = engine;
        this.cascade = cascade;
        this.data = data;
        this.samples = samples;
        long[] shape = data.input(0).shape();
        this.inputShape = Arrays.copyOfRange(shape, 1, shape.length);
    }

    LiveResult run(CascadePolicy policy, ConfidenceBins bins) {
        long[] total = new long[samples.length];
        long[] overhead = new long[samples.length];
        long model = 0;
        long all = 0;
        int correct = 0;
        int recalled = 0;
        for (int i = 0; i < samples.length; i++) {
            Prediction p = execute(policy, bins, samples[i]);
            total[i] = p.trace().totalNanos();
            all += total[i];
            model += p.trace().modelNanos();
            overhead[i] = p.trace().totalNanos() - p.trace().modelNanos();
            correct += p.label() == data.label(samples[i]) ? 1 : 0;
            recalled += p.trace().recalled() ? 1 : 0;
        }
        Arrays.sort(total);
        Arrays.sort(overhead);
        double n = samples.length;
        return new LiveResult(
                samples.length,
                correct / n,
                all / n / 1e6,
                total[Math.max(0, (int) Math.ceil(0.99 * n) - 1)] / 1e6,
                model / n / 1e6,
                (double) (all - model) / model,
                overhead[samples.length / 2] / 1e3,
                recalled / n);
    }

    /** Requests per second with {@code callers} threads each executing every sample once. */
    double throughput(CascadePolicy policy, ConfidenceBins bins, int callers) throws InterruptedException {
        Thread[] threads = new Thread[callers];
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        for (int t = 0; t < callers; t++) {
            threads[t] = new Thread(() -> {
                for (int sample : samples) {
                    execute(policy, bins, sample);
                    done.incrementAndGet();
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private Prediction execute(CascadePolicy policy, ConfidenceBins bins, int sample) {
        Tensor tensor = data.input(sample);
        InferenceInput input =
                tensor.isText() ? InferenceInput.text(tensor.text()) : InferenceInput.tensor(inputShape, tensor.data());
        return engine.execute(new InferenceRequest(cascade, policy, bins, input, Long.MAX_VALUE, 0.5));
    }
}
