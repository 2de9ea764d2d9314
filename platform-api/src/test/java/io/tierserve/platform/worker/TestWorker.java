package io.tierserve.platform.worker;

import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.server.RegistrationClient;
import io.tierserve.worker.server.WorkerServer;
import io.tierserve.worker.server.WorkerSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * A real worker (the worker module's HTTP server, its own engine with the bundled demo, heartbeats)
 * inside the test JVM; {@link #kill()} stops its server and heartbeats at once, as a crash would.
 */
final class TestWorker implements AutoCloseable {

    private final InferenceEngine engine;
    private final WorkerServer server;
    private final RegistrationClient registration;
    private final WorkerSettings settings;
    private boolean killed;

    private TestWorker(
            InferenceEngine engine, WorkerServer server, RegistrationClient registration, WorkerSettings settings) {
        this.engine = engine;
        this.server = server;
        this.registration = registration;
        this.settings = settings;
    }

    /** Starts worker {@code id} on {@code port} (0: any) that registers with the platform on {@code platformPort}. */
    static TestWorker start(String id, int port, int platformPort, String token, Path cacheDir) throws IOException {
        return start(id, port, platformPort, token, cacheDir, "cpu");
    }

    /** Likewise, in the pool of {@code deviceClass} (a worker of any class other than gpu runs on the CPU). */
    static TestWorker start(String id, int port, int platformPort, String token, Path cacheDir, String deviceClass)
            throws IOException {
        InferenceEngine engine = InferenceEngine.withDemo();
        WorkerSettings settings = new WorkerSettings(
                port,
                2,
                URI.create("http://localhost:" + platformPort),
                id,
                null,
                Duration.ofMillis(200),
                "default",
                deviceClass,
                token,
                cacheDir);
        WorkerServer server = WorkerServer.start(engine, settings);
        RegistrationClient registration = RegistrationClient.start(settings, engine, server.port());
        return new TestWorker(engine, server, registration, settings);
    }

    String id() {
        return settings.workerId();
    }

    int port() {
        return server.port();
    }

    /** The cascades its engine holds now. */
    Set<String> cascades() {
        return engine.cascades();
    }

    /** Stops answering and heartbeating at once. */
    synchronized void kill() {
        if (killed) {
            return;
        }
        killed = true;
        registration.close();
        server.close();
    }

    @Override
    public void close() {
        kill();
        engine.close();
    }
}
