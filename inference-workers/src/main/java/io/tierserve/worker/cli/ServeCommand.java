package io.tierserve.worker.cli;

import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.server.RegistrationClient;
import io.tierserve.worker.server.WorkerServer;
import io.tierserve.worker.server.WorkerSettings;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: the worker as a process, until it is stopped (closing every model on the way out). */
final class ServeCommand {

    private ServeCommand() {}

    static void run(Options options, PrintStream out) throws Exception {
        WorkerSettings defaults = WorkerSettings.defaults();
        String controlPlane = options.text("control-plane", System.getenv("TIERSERVE_CONTROL_PLANE"));
        String advertised = options.text("advertised-url", null);
        WorkerSettings settings = new WorkerSettings(
                options.integer("port", defaults.port()),
                options.integer("threads", defaults.threads()),
                controlPlane == null ? null : URI.create(controlPlane),
                options.text("worker-id", defaults.workerId()),
                advertised == null ? null : URI.create(advertised),
                Duration.ofSeconds(options.integer(
                        "heartbeat-seconds", (int) defaults.heartbeat().toSeconds())),
                options.text("pool", defaults.pool()));
        String cascades = options.text("cascades", null);
        InferenceEngine engine = cascades == null ? InferenceEngine.withDemo() : InferenceEngine.create();
        if (cascades != null) {
            for (String dir : cascades.split(",")) {
                engine.load(Path.of(dir.trim()));
            }
        }
        WorkerServer server = WorkerServer.start(engine, settings);
        RegistrationClient registration = RegistrationClient.start(settings, engine, server.port());
        out.printf(
                "worker %s serving %s on port %d; control plane: %s%n",
                settings.workerId(),
                engine.cascades(),
                server.port(),
                settings.controlPlane() == null ? "none" : settings.controlPlane());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (registration != null) {
                registration.close();
            }
            server.close();
            engine.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
