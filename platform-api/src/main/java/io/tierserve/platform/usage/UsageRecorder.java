package io.tierserve.platform.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tierserve.platform.config.DatabaseAvailability;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Records a usage record per public API request, written behind the request, and updates the
 * Prometheus meters ({@code tierserve_requests_total}, {@code tierserve_request_latency_seconds},
 * {@code tierserve_stages_run}), tagged by tenant, tier, cascade and outcome; {@link
 * UsageMetricsConfiguration} caps how many distinct tag values each may have.
 *
 * <p>A request only puts its record in a bounded buffer; a writer thread writes what has gathered
 * every {@code tierserve.usage.flush-interval} in one statement ({@link UsageWriter}). A request that
 * finds the buffer full writes it on its own thread, so nothing is dropped and memory stays bounded.
 * A graceful shutdown writes everything after the last request; {@code kill -9} loses at most the
 * records of one flush interval. Reads of usage on this instance flush first ({@link #flush()}), so
 * a caller sees its own requests at once; other instances see them within one interval.
 *
 * <p>While the database is down ({@link DatabaseAvailability}) nothing is written and records wait
 * in the buffer; once it is full, the oldest are dropped (and counted) rather than a request
 * waiting for a database that is gone. A shutdown then says how many were not written.
 */
@Service
@EnableConfigurationProperties(UsageProperties.class)
public class UsageRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);
    private static final int MAX_BATCH = 5_000;

    private record MeterKey(String tenant, String tier, String cascade, String outcome) {}

    private record Meters(Counter requests, Timer latency, DistributionSummary stages) {}

    private final UsageWriter writer;
    private final ObjectProvider<DeferredUsage> deferred;
    private final MeterRegistry registry;
    private final UsageProperties properties;
    private final DatabaseAvailability database;
    private final BlockingQueue<UsageEvent> buffer;
    private final AtomicLong dropped = new AtomicLong();
    private final Map<MeterKey, Meters> meters = new ConcurrentHashMap<>();
    private final Object writing = new Object();
    private final Object stopping = new Object();
    private volatile boolean running;
    private Thread flusher;

    UsageRecorder(
            DataSource dataSource,
            MeterRegistry registry,
            UsageProperties properties,
            ObjectProvider<DeferredUsage> deferred,
            DatabaseAvailability database) {
        this.writer = new UsageWriter(dataSource);
        this.database = database;
        this.deferred = deferred;
        this.registry = registry;
        this.properties = properties;
        this.buffer = new ArrayBlockingQueue<>(properties.bufferCapacity());
    }

    /** Counts the request in the meters and buffers its record for the next write. */
    public void record(UsageEvent event) {
        count(event);
        while (!buffer.offer(event)) {
            if (database.isUp()) {
                write();
            } else if (buffer.poll() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    /**
     * Writes the record of every request answered so far, now: reads of usage call this first, so
     * that they see this instance's requests at once.
     */
    public void flush() {
        deferred.orderedStream().forEach(DeferredUsage::drain);
        write();
    }

    private void write() {
        synchronized (writing) {
            List<UsageEvent> batch = new ArrayList<>();
            while (buffer.drainTo(batch, MAX_BATCH) > 0) {
                try {
                    writer.write(batch);
                } catch (SQLException | RuntimeException e) {
                    if (!running && !database.isUp()) {
                        // stopping without the database: stop() reports it with the rest
                        dropped.addAndGet(batch.size());
                    } else {
                        log.warn("Could not write {} usage records; they are lost: {}", batch.size(), e.getMessage());
                    }
                }
                batch.clear();
            }
            long lost = running ? dropped.getAndSet(0) : 0;
            if (lost > 0) {
                log.warn(
                        "{} usage records were dropped while the database was unreachable (the buffer holds {})",
                        lost,
                        properties.bufferCapacity());
            }
        }
    }

    private void count(UsageEvent event) {
        String tier = event.tierName() == null ? "none" : event.tierName();
        String cascade = event.cascadeName() == null ? "none" : event.cascadeName();
        Meters m = meters.computeIfAbsent(
                new MeterKey(event.tenantName(), tier, cascade, event.outcome()), this::register);
        m.requests().increment();
        if ("OK".equals(event.outcome())) {
            m.latency().record(Duration.ofNanos(Math.round(event.latencyMs() * 1e6)));
            m.stages().record(event.stages().size());
        }
    }

    private Meters register(MeterKey key) {
        Counter requests = Counter.builder("tierserve.requests")
                .description("Public API requests")
                .tags("tenant", key.tenant(), "tier", key.tier(), "cascade", key.cascade(), "outcome", key.outcome())
                .register(registry);
        Timer latency = Timer.builder("tierserve.request.latency")
                .description("Latency of served public API requests inside the worker")
                .tags("tenant", key.tenant(), "tier", key.tier(), "cascade", key.cascade())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        DistributionSummary stages = DistributionSummary.builder("tierserve.stages.run")
                .description("Stages run per served request")
                .tags("tenant", key.tenant(), "tier", key.tier(), "cascade", key.cascade())
                .register(registry);
        return new Meters(requests, latency, stages);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        flusher = new Thread(this::flushPeriodically, "usage-writer");
        flusher.setDaemon(true);
        flusher.start();
    }

    private void flushPeriodically() {
        long interval = properties.flushInterval().toMillis();
        while (running) {
            synchronized (stopping) {
                try {
                    // woken early by stop()
                    stopping.wait(Math.max(1, interval));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (running && database.isUp()) {
                write();
            }
        }
    }

    /**
     * After the web server has answered its last request: writes what is left, or, when the
     * database is down, says how much could not be written.
     */
    @Override
    public synchronized void stop() {
        running = false;
        boolean up = database.isUp();
        synchronized (stopping) {
            stopping.notifyAll();
        }
        if (flusher != null) {
            if (!up) {
                // a write under way waits for a connection that will not come
                flusher.interrupt();
            }
            try {
                // it finishes the write under way; the rest is written here
                flusher.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flusher = null;
        }
        if (up && database.isUp()) {
            write();
            return;
        }
        long lost = buffer.size() + dropped.getAndSet(0);
        buffer.clear();
        if (lost > 0) {
            database.notWritten(lost + " usage records");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
