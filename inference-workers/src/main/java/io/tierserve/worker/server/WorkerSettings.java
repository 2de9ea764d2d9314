package io.tierserve.worker.server;

import java.net.URI;
import java.time.Duration;

/**
 * How a worker process runs.
 *
 * @param port the internal HTTP port (0 = any free port)
 * @param threads request threads (each borrows its own predictors)
 * @param controlPlane where to send heartbeats, or {@code null} to run unregistered
 * @param workerId this worker's name in the control plane
 * @param advertisedUrl the URL the control plane should call back, or {@code null} for
 *     {@code http://localhost:port}
 * @param heartbeat how often to send a heartbeat
 * @param pool the worker pool it joins (lower-case letters, digits, dashes)
 */
public record WorkerSettings(
        int port, int threads, URI controlPlane, String workerId, URI advertisedUrl, Duration heartbeat, String pool) {

    /** The control plane path heartbeats are posted to (relative to {@link #controlPlane()}). */
    public static final String HEARTBEAT_PATH = "/internal/workers/heartbeat";

    public static WorkerSettings defaults() {
        return new WorkerSettings(8081, 2, null, "worker-1", null, Duration.ofSeconds(10), "default");
    }
}
