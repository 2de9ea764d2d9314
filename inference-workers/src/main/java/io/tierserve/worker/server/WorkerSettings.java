package io.tierserve.worker.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a worker process runs.
 *
 * @param port the internal HTTP port (0 = any free port)
 * @param threads request threads (each borrows its own predictors); also the capacity it reports
 * @param controlPlane where to send heartbeats and fetch policies and models, or {@code null} to run
 *     unregistered
 * @param workerId this worker's name in the control plane
 * @param advertisedUrl the URL the control plane should call back, or {@code null} for
 *     {@code http://localhost:port}
 * @param heartbeat how often to send a heartbeat
 * @param pool the worker pool it joins (lower-case letters, digits, dashes)
 * @param deviceClass {@code cpu} or {@code gpu}: the pool of the control plane it serves
 * @param token the shared worker token: sent to the control plane, and required from callers of
 *     {@code /execute} and {@code /profile}; {@code null} for none
 * @param cacheDir where models fetched from the control plane are kept, one directory per model key
 */
public record WorkerSettings(
        int port,
        int threads,
        URI controlPlane,
        String workerId,
        URI advertisedUrl,
        Duration heartbeat,
        String pool,
        String deviceClass,
        String token,
        Path cacheDir) {

    /** The control plane path heartbeats are posted to (relative to {@link #controlPlane()}). */
    public static final String HEARTBEAT_PATH = "/internal/workers/heartbeat";

    /** The environment variable holding the shared worker token (the control plane reads the same). */
    public static final String TOKEN_ENV = "TIERSERVE_WORKERS_TOKEN";

    /** Settings with no token, CPU and a cache under the temporary directory. */
    public WorkerSettings(
            int port,
            int threads,
            URI controlPlane,
            String workerId,
            URI advertisedUrl,
            Duration heartbeat,
            String pool) {
        this(
                port,
                threads,
                controlPlane,
                workerId,
                advertisedUrl,
                heartbeat,
                pool,
                "cpu",
                null,
                Path.of(System.getProperty("java.io.tmpdir"), "tierserve-worker-models", workerId));
    }

    public WorkerSettings {
        if (!deviceClass.equals("cpu") && !deviceClass.equals("gpu")) {
            throw new IllegalArgumentException("the device class is cpu or gpu, not " + deviceClass);
        }
    }

    public static WorkerSettings defaults() {
        return new WorkerSettings(8081, 2, null, "worker-1", null, Duration.ofSeconds(2), "default");
    }

    /** The URL the control plane calls this worker on. */
    URI advertised(int boundPort) {
        return advertisedUrl != null ? advertisedUrl : URI.create("http://localhost:" + boundPort);
    }
}
