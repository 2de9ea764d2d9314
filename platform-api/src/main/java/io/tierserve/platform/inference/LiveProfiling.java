package io.tierserve.platform.inference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tierserve.platform.usage.DeferredUsage;
import io.tierserve.platform.usage.UsageEvent;
import io.tierserve.platform.usage.UsageRecorder;
import io.tierserve.platform.worker.WorkerPools;
import io.tierserve.worker.profiling.FullRun;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every stage once more for the requests sampled for live profiling, on one background thread
 * after their answers went out, and then records their usage with every stage's output (which a
 * live profile needs once feedback labels the request).
 *
 * <p>The queue in front of the thread is bounded ({@code tierserve.inference.full-profile-queue}):
 * a sample that finds it full is dropped, its usage recorded without the full run, and counted in
 * {@code tierserve_live_profiling_dropped_total}; so is a sample whose full run finds the in-process
 * worker saturated (it waits at the lowest priority, behind every request). So profiling never
 * delays an answer, and under load it costs at most one core's share of the model time.
 */
@Component
class LiveProfiling implements SmartLifecycle, DeferredUsage {

    private static final Logger log = LoggerFactory.getLogger(LiveProfiling.class);

    private final WorkerPools pools;
    private final UsageRecorder usage;
    private final int queueCapacity;
    // replaced on every start: a context may be stopped and started again (tests pause cached ones)
    private volatile ThreadPoolExecutor executor;
    private final Counter dropped;
    private final Counter profiled;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean running;

    LiveProfiling(WorkerPools pools, UsageRecorder usage, InferenceProperties properties, MeterRegistry meters) {
        this.pools = pools;
        this.usage = usage;
        this.queueCapacity = properties.fullProfileQueue();
        this.executor = newExecutor();
        this.dropped = Counter.builder("tierserve.live.profiling.dropped")
                .description(
                        "Requests sampled for live profiling whose full run was dropped (queue full, or the worker saturated)")
                .register(meters);
        this.profiled = Counter.builder("tierserve.live.profiling.runs")
                .description("Full profiling runs of sampled live requests")
                .register(meters);
    }

    /**
     * Runs every stage on the prepared input in the background (on a worker of the target's pool),
     * then records {@code event} with their outputs.
     */
    void submit(UsageEvent event, PredictService.Target target, PredictService.Prepared prepared) {
        pending.incrementAndGet();
        try {
            executor.execute(() -> run(event, target, prepared));
        } catch (RejectedExecutionException e) {
            dropped.increment();
            usage.record(event);
            pending.decrementAndGet();
        }
    }

    private void run(UsageEvent event, PredictService.Target target, PredictService.Prepared prepared) {
        UsageEvent recorded = event;
        try {
            // the policy runs once more too: a worker's full run comes with a call (cheap next to it)
            FullRun.Outputs outputs = pools.execute(
                            target.deviceClass(), PredictService.call(target, prepared, Long.MAX_VALUE, true, 0))
                    .fullRun();
            recorded = event.withFullRun(new UsageEvent.StageOutputs(outputs.predictions(), outputs.confidences()));
            profiled.increment();
        } catch (WorkersSaturatedException e) {
            // the in-process worker is saturated with requests, which come first: skip this sample
            dropped.increment();
        } catch (RuntimeException e) {
            log.warn("Live profiling of request {} failed; its usage is recorded without it", event.requestId(), e);
        }
        usage.record(recorded);
        pending.decrementAndGet();
    }

    /** Waits (at most 10 s) until the runs queued so far have recorded their usage. */
    @Override
    public void drain() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        if (executor.isShutdown()) {
            executor = newExecutor();
        }
        running = true;
    }

    private ThreadPoolExecutor newExecutor() {
        return new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                runnable -> {
                    Thread thread = new Thread(runnable, "live-profiling");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * After the web server's last request, before usage is written for the last time: finishes the
     * queued runs, so their usage is recorded.
     */
    @Override
    public synchronized void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 3072;
    }
}
