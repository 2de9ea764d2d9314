package io.tierserve.worker.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.execution.CompiledPolicy;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.execution.InvalidInputException;
import io.tierserve.worker.execution.NonFiniteOutputException;
import io.tierserve.worker.execution.Prediction;
import io.tierserve.worker.profiling.FullRun;
import io.tierserve.worker.profiling.LabelledInputs;
import io.tierserve.worker.profiling.Profiler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The worker's internal HTTP API on the JDK's HTTP server (no Spring in the worker core):
 *
 * <ul>
 *   <li>{@code GET /health}: status, device class, loaded cascades;
 *   <li>{@code POST /execute}: {@code {"cascade", "source"?, "policyVersion": id | "policy": document |
 *       "full" | "first", "input": {"image": base64} | {"shape", "data"}, "deadlineMs"?, "coin"?,
 *       "fullRun"?}} → the prediction and its trace, the worker's id and device class, and with
 *       {@code fullRun} every stage's output ({@code fullRun: {predictions, confidences}});
 *   <li>{@code POST /profile}: {@code {"cascade", "source"?, "warmup"?, "samples": [{"label",
 *       "input"}]}} → a profile JSON, its latencies filed under the worker's device class.
 * </ul>
 *
 * <p>A {@code policyVersion} is fetched from the control plane once and cached; a {@code cascade} the
 * worker does not hold is fetched from its {@code source} on the control plane ({@link ModelStore}).
 * With a worker token, {@code /execute} and {@code /profile} require {@code Authorization: Bearer
 * <token>} (401 otherwise). Errors are problem details: 400 for bad input, 404 for an unknown cascade
 * or policy version, 500 without internals.
 */
public final class WorkerServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WorkerServer.class.getName());

    private final InferenceEngine engine;
    private final HttpServer server;
    private final ExecutorService executor;
    private final RequestParsing parsing = new RequestParsing();
    private final WorkerSettings settings;
    private final ControlPlaneClient controlPlane;
    private final PolicyCache policies;
    private final ModelStore models;

    private WorkerServer(InferenceEngine engine, HttpServer server, ExecutorService executor, WorkerSettings settings) {
        this.engine = engine;
        this.server = server;
        this.executor = executor;
        this.settings = settings;
        this.controlPlane = new ControlPlaneClient(settings.controlPlane(), settings.token());
        this.policies = new PolicyCache(controlPlane);
        this.models = new ModelStore(engine, controlPlane, settings.cacheDir());
    }

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on unless told otherwise; a keep-alive caller
        // (the platform) then waits for the delayed ACK, about 40 ms, between a response's header and
        // body writes. Read once, when the server classes first load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Starts serving {@code engine} (which the caller keeps owning). */
    public static WorkerServer start(InferenceEngine engine, WorkerSettings settings) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.port()), 0);
        ExecutorService executor = Executors.newFixedThreadPool(settings.threads());
        server.setExecutor(executor);
        WorkerServer worker = new WorkerServer(engine, server, executor, settings);
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
            String expected = controlPlane.expectedAuthorization();
            if (method.equals("POST")
                    && expected != null
                    && !constantTimeEquals(
                            expected, exchange.getRequestHeaders().getFirst("Authorization"))) {
                HttpJson.problem(exchange, 401, "Unauthorized", "the worker token is required");
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
        body.put("workerId", settings.workerId());
        body.put("deviceClass", settings.deviceClass());
        engine.cascades().forEach(body.putArray("cascades")::add);
        return body;
    }

    private Object execute(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        JsonNode body = read(exchange);
        String cascade = text(body, "cascade");
        models.ensure(cascade, optionalText(body, "source"));
        CascadeManifest manifest = engine.manifest(cascade);
        CompiledPolicy policy = body.has("policyVersion")
                ? policies.version(text(body, "policyVersion"))
                : parsing.policy(body.get("policy"), manifest);
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
        InferenceInput input = RequestParsing.input(body.get("input"));
        Prediction prediction = engine.execute(policy.request(cascade, input, budget, coin));
        ObjectNode answer = HttpJson.JSON.valueToTree(prediction);
        answer.put("worker", settings.workerId());
        answer.put("deviceClass", settings.deviceClass());
        if (body.path("fullRun").asBoolean(false)) {
            // after the answer is made, so its latency excludes this pass
            FullRun.Outputs outputs = FullRun.run(engine, cascade, input);
            ObjectNode full = answer.putObject("fullRun");
            ArrayNode predictions = full.putArray("predictions");
            ArrayNode confidences = full.putArray("confidences");
            for (int i = 0; i < outputs.predictions().length; i++) {
                predictions.add(outputs.predictions()[i]);
                confidences.add(outputs.confidences()[i]);
            }
        }
        return answer;
    }

    private Object profile(HttpExchange exchange) throws IOException {
        JsonNode body = read(exchange);
        String cascade = text(body, "cascade");
        models.ensure(cascade, optionalText(body, "source"));
        CascadeManifest manifest = engine.manifest(cascade);
        JsonNode samples = body.get("samples");
        if (samples == null || !samples.isArray() || samples.isEmpty()) {
            throw new BadRequestException("'samples' must be a non-empty array of {label, input}");
        }
        int warmup = body.has("warmup") ? body.get("warmup").intValue() : 50;
        LabelledInputs inputs = UploadedSamples.of(samples, manifest, engine);
        Profile profile = Profiler.profile(engine, cascade, inputs, warmup, settings.deviceClass());
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

    private static String optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : text(body, field);
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
