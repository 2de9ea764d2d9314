package io.tierserve.worker.cli;

import io.tierserve.worker.cascade.Engines;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.server.RegistrationClient;
import io.tierserve.worker.server.WorkerServer;
import io.tierserve.worker.server.WorkerSettings;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: the worker as a process, until it is stopped (closing every model on the way out). */
final class ServeCommand {

    private ServeCommand() {}

    static void run(Options options, PrintStream out) throws Exception {
        WorkerSettings defaults = WorkerSettings.defaults();
        String controlPlane = options.text("control-plane", System.getenv("TIERSERVE_CONTROL_PLANE"));
        String advertised = options.text("advertised-url", System.getenv("TIERSERVE_WORKER_URL"));
        String deviceClass = options.text("device-class", "cpu");
        String workerId = options.text("worker-id", defaultWorkerId(options.integer("port", defaults.port())));
        String token = System.getenv(WorkerSettings.TOKEN_ENV);
        WorkerSettings settings = new WorkerSettings(
                options.integer("port", defaults.port()),
                options.integer("threads", defaults.threads()),
                controlPlane == null ? null : URI.create(controlPlane),
                workerId,
                advertised == null ? null : URI.create(advertised),
                Duration.ofMillis(options.integer(
                        "heartbeat-millis", (int) defaults.heartbeat().toMillis())),
                options.text("pool", defaults.pool()),
                deviceClass,
                token == null || token.isBlank() ? null : token,
                options.path(
                        "cache-dir",
                        Path.of(System.getProperty("java.io.tmpdir"), "tierserve-worker-models", workerId)));
        if (deviceClass.equals("gpu")) {
            try {
                Engines.requireGpu();
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage());
                System.exit(3);
            }
        }
        String cascades = options.text("cascades", null);
        InferenceEngine engine = cascades == null ? InferenceEngine.withDemo() : InferenceEngine.create();
        if (cascades == null) {
            // the bundled demos: fashion-mnist (images) and spam (text)
            engine.load(InferenceEngine.spamDirectory());
        } else {
            for (String dir : cascades.split(",")) {
                engine.load(Path.of(dir.trim()));
            }
        }
        WorkerServer server = WorkerServer.start(engine, settings);
        RegistrationClient registration = RegistrationClient.start(settings, engine, server.port());
        out.printf(
                "worker %s (%s) serving %s on port %d; control plane: %s%n",
                settings.workerId(),
                settings.deviceClass(),
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

    // the host name and port: unique per machine, and stable across restarts so a restarted worker
    // takes its old registration back
    private static String defaultWorkerId(int port) {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "worker";
            }
        }
        return (host + "-" + port).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }
}
