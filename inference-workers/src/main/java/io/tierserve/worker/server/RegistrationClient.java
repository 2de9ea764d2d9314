package io.tierserve.worker.server;

import io.tierserve.worker.execution.InferenceEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * Announces the worker to the control plane: a heartbeat ({@code POST} {@value
 * WorkerSettings#HEARTBEAT_PATH}, {@code Authorization: Bearer <worker token>}) repeated at a fixed
 * rate: {@code {"workerId", "pool", "deviceClass", "url", "capacity", "cascades"}}. The first one
 * registers the worker; the control plane marks it down when they stop. An absent or failing
 * control plane is logged and retried, never fatal: the worker serves either way.
 */
public final class RegistrationClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RegistrationClient.class.getName());

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "worker-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final URI endpoint;
    private final WorkerSettings settings;
    private final InferenceEngine engine;
    private final URI advertised;

    private RegistrationClient(WorkerSettings settings, InferenceEngine engine, URI advertised) {
        this.endpoint = settings.controlPlane().resolve(WorkerSettings.HEARTBEAT_PATH);
        this.settings = settings;
        this.engine = engine;
        this.advertised = advertised;
    }

    /** Starts heartbeats, or returns {@code null} when no control plane is configured. */
    public static RegistrationClient start(WorkerSettings settings, InferenceEngine engine, int port) {
        if (settings.controlPlane() == null) {
            return null;
        }
        URI advertised = settings.advertised(port);
        RegistrationClient client = new RegistrationClient(settings, engine, advertised);
        long period = settings.heartbeat().toMillis();
        client.timer.scheduleAtFixedRate(client::beat, 0, period, TimeUnit.MILLISECONDS);
        return client;
    }

    /** Heartbeats the control plane answered with a 2xx. */
    public long accepted() {
        return accepted.get();
    }

    /** Heartbeats that failed (no answer, or not 2xx). */
    public long failed() {
        return failed.get();
    }

    String heartbeatBody() {
        ObjectNode body = HttpJson.JSON.createObjectNode();
        body.put("workerId", settings.workerId());
        body.put("pool", settings.pool());
        body.put("deviceClass", settings.deviceClass());
        body.put("url", advertised.toString());
        body.put("capacity", settings.threads());
        engine.cascades().forEach(body.putArray("cascades")::add);
        return body.toString();
    }

    private void beat() {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(heartbeatBody()));
            if (settings.token() != null) {
                builder.header("Authorization", "Bearer " + settings.token());
            }
            HttpRequest request = builder.build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                accepted.incrementAndGet();
            } else {
                failed.incrementAndGet();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "control plane answered " + response.statusCode() + " to a heartbeat");
            }
        } catch (java.io.IOException e) {
            failed.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "control plane " + endpoint + " unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "heartbeat failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
