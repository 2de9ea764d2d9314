package io.tierserve.worker.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.Engines;
import io.tierserve.worker.execution.CompiledPolicy;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.execution.InvalidInputException;
import io.tierserve.worker.execution.NonFiniteOutputException;
import io.tierserve.worker.profiling.LabelledInputs;
import io.tierserve.worker.profiling.Profiler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The worker's internal HTTP API on the JDK's HTTP server (no Spring in the worker core):
 *
 * <ul>
 *   <li>{@code GET /health}: status, device class, loaded cascades;
 *   <li>{@code POST /execute}: {@code {"cascade", "policy": document | "full" | "first", "input":
 *       {"image": base64} | {"shape", "data"}, "deadlineMs"?, "coin"?}} → the prediction and its trace;
 *   <li>{@code POST /profile}: {@code {"cascade", "warmup"?, "samples": [{"label", "input"}]}} → a
 *       profile JSON.
 * </ul>
 *
 * Errors are problem details: 400 for bad input, 404 for an unknown cascade, 500 without internals.
 */
public final class WorkerServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WorkerServer.class.getName());

    private final InferenceEngine engine;
    private final HttpServer server;
    private final ExecutorService executor;
    private final RequestParsing parsing = new RequestParsing();

    private WorkerServer(InferenceEngine engine, HttpServer server, ExecutorService executor) {
        this.engine = engine;
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code engine} (which the caller keeps owning). */
    public static WorkerServer start(InferenceEngine engine, WorkerSettings settings) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.port()), 0);
        ExecutorService executor = Executors.newFixedThreadPool(settings.threads());
        server.setExecutor(executor);
        WorkerServer worker = new WorkerServer(engine, server, executor);
        server.createContext("/health", exchange -> worker.handle(exchange, "GET", worker::health));
        server.createContext("/execute", exchange -> worker.handle(exchange, "POST", worker::execute));
        server.createContext("/profile", exchange -> worker.handle(exchange, "POST", worker::profile));
        server.start();
        return worker;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private interface Handler {
        Object handle(HttpExchange exchange) throws IOException;
    }

    private void handle(HttpExchange exchange, String method, Handler handler) throws IOException {
        try {
            if (!exchange.getRequestMethod().equals(method)) {
                HttpJson.problem(exchange, 405, "Method Not Allowed", "use " + method);
                return;
            }
            HttpJson.send(exchange, 200, handler.handle(exchange));
        } catch (InvalidInputException | BadRequestException e) {
            HttpJson.problem(exchange, 400, "Bad Request", e.getMessage());
        } catch (NonFiniteOutputException e) {
            HttpJson.problem(exchange, 422, "Unprocessable Content", e.getMessage());
        } catch (JacksonException e) {
            HttpJson.problem(exchange, 400, "Bad Request", "the body is not valid JSON");
        } catch (NoSuchElementException e) {
            HttpJson.problem(exchange, 404, "Not Found", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request to " + exchange.getRequestURI() + " failed", e);
            HttpJson.problem(exchange, 500, "Internal Server Error", "the worker could not complete the request");
        } finally {
            // Closed only here: try-with-resources would close it before the catch clauses answer.
            exchange.close();
        }
    }

    private Object health(HttpExchange exchange) {
        ObjectNode body = HttpJson.JSON.createObjectNode();
        body.put("status", "UP");
        body.put("deviceClass", Engines.deviceClass());
        engine.cascades().forEach(body.putArray("cascades")::add);
        return body;
    }

    private Object execute(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        JsonNode body = read(exchange);
        String cascade = text(body, "cascade");
        CascadeManifest manifest = engine.manifest(cascade);
        CompiledPolicy policy = parsing.policy(body.get("policy"), manifest);
        long budget = Long.MAX_VALUE;
        if (body.has("deadlineMs")) {
            double ms = body.get("deadlineMs").doubleValue();
            if (!(ms > 0)) {
                throw new BadRequestException("'deadlineMs' must be positive");
            }
            // The budget counts from arrival, so parsing the body is charged to the request.
            budget = Math.max(1, (long) (ms * 1e6) - (System.nanoTime() - arrived));
        }
        double coin = body.has("coin")
                ? body.get("coin").doubleValue()
                : ThreadLocalRandom.current().nextDouble();
        return engine.execute(policy.request(cascade, RequestParsing.input(body.get("input")), budget, coin));
    }

    private Object profile(HttpExchange exchange) throws IOException {
        JsonNode body = read(exchange);
        String cascade = text(body, "cascade");
        CascadeManifest manifest = engine.manifest(cascade);
        JsonNode samples = body.get("samples");
        if (samples == null || !samples.isArray() || samples.isEmpty()) {
            throw new BadRequestException("'samples' must be a non-empty array of {label, input}");
        }
        int warmup = body.has("warmup") ? body.get("warmup").intValue() : 50;
        LabelledInputs inputs = UploadedSamples.of(samples, manifest, engine);
        Profile profile = Profiler.profile(engine, cascade, inputs, warmup, Engines.deviceClass());
        return HttpJson.JSON.readTree(ProfileJson.toJson(profile));
    }

    private static JsonNode read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode body = HttpJson.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (body == null || !body.isObject()) {
                throw new BadRequestException("the body must be a JSON object");
            }
            return body;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isString()) {
            throw new BadRequestException("'" + field + "' must be a string");
        }
        return node.stringValue();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
