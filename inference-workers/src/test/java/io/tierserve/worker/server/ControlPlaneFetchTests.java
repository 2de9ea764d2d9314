package io.tierserve.worker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tierserve.policy.estimation.CascadeEstimator;
import io.tierserve.policy.estimation.EstimationSettings;
import io.tierserve.policy.solver.Solvers;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.Manifests;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.profiling.DemoProfile;
import io.tierserve.worker.training.FashionMnist;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A worker with a control plane (a real HTTP server standing in for the platform's {@code /internal}
 * endpoints): policy versions and models fetched by id and key, with the worker token, cached, and a
 * replaced model unloaded and deleted.
 */
class ControlPlaneFetchTests {

    private static final String TOKEN = "worker-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path cache;

    private HttpServer controlPlane;
    private InferenceEngine engine;
    private WorkerServer worker;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetched = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        controlPlane = HttpServer.create(new InetSocketAddress(0), 0);
        controlPlane.createContext("/internal", this::answer);
        controlPlane.start();
        engine = InferenceEngine.create();
        worker = WorkerServer.start(
                engine,
                new WorkerSettings(
                        0,
                        2,
                        URI.create(
                                "http://localhost:" + controlPlane.getAddress().getPort()),
                        "w-1",
                        null,
                        Duration.ofSeconds(10),
                        "default",
                        "cpu",
                        TOKEN,
                        cache));
    }

    @AfterEach
    void stop() {
        worker.close();
        engine.close();
        controlPlane.stop(0);
    }

    @Test
    void aPolicyVersionAndModelsAreFetchedOnceCachedOnDiskAndAReplacedModelIsDropped() throws Exception {
        UUID version = UUID.randomUUID();
        served.put("/internal/policies/" + version, policyVersion());
        publish("copy-1");

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = execute("copy-1", version, TOKEN, i);
            JsonNode body = HttpJson.JSON.readTree(answer.body());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(body.get("label").intValue()).isBetween(0, 9);
            assertThat(body.get("worker").stringValue()).isEqualTo("w-1");
            assertThat(body.get("deviceClass").stringValue()).isEqualTo("cpu");
        }
        assertThat(fetched.get("/internal/policies/" + version).get()).isEqualTo(1);
        assertThat(fetched.get("/internal/models/t/c/copy-1").get()).isEqualTo(1);
        assertThat(cache.resolve("copy-1").resolve(Manifests.FILE_NAME)).isRegularFile();

        // a new key from the same source replaces the old one, in memory and on disk
        publish("copy-2");
        assertThat(execute("copy-2", version, TOKEN, 3).statusCode()).isEqualTo(200);
        assertThat(engine.cascades()).contains("copy-2").doesNotContain("copy-1");
        assertThat(cache.resolve("copy-1")).doesNotExist();

        // with a full run, every stage's output comes along
        ObjectNode full = request("copy-2", version, 4);
        full.put("fullRun", true);
        JsonNode answer = HttpJson.JSON.readTree(post(full.toString(), TOKEN).body());
        assertThat(answer.get("fullRun").get("predictions").size()).isEqualTo(3);
    }

    @Test
    void callsWithoutTheWorkerTokenAre401AndUnknownVersionsAre404() throws Exception {
        publish("copy-1");
        UUID version = UUID.randomUUID();
        served.put("/internal/policies/" + version, policyVersion());
        HttpResponse<String> wrong = execute("copy-1", version, "not-it", 0);
        HttpResponse<String> missing = execute("copy-1", version, null, 0);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(fetched).isEmpty();
        assertThat(execute("copy-1", UUID.randomUUID(), TOKEN, 0).statusCode()).isEqualTo(404);
    }

    private void publish(String key) throws IOException {
        Path demo = InferenceEngine.demoDirectory();
        CascadeManifest m = Manifests.read(demo);
        CascadeManifest renamed = new CascadeManifest(
                m.formatVersion(), key, m.kind(), m.inputShape(), m.preprocessing(), m.labels(), m.stages(), "test");
        String base = "/internal/models/t/c/" + key;
        served.put(base, Manifests.json(renamed).getBytes(StandardCharsets.UTF_8));
        for (var stage : m.stages()) {
            for (String file : stage.files().values()) {
                served.put(base + "/files/" + file, Files.readAllBytes(demo.resolve(file)));
            }
        }
    }

    private static byte[] policyVersion() {
        var estimated = CascadeEstimator.estimate(DemoProfile.load().split(1).fit(), EstimationSettings.defaults());
        String document = Solvers.recall(estimated.model(), 1e-6)
                .toDocument(estimated.bins(), estimated.p99Nanos())
                .write();
        return ("{\"tables\":{\"first\":" + document + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean authorized =
                ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] body = served.get(path);
        int status = !authorized ? 401 : body == null ? 404 : 200;
        if (status == 200) {
            fetched.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        } else {
            body = "{}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private ObjectNode request(String key, UUID version, int sample) {
        ObjectNode request = HttpJson.JSON.createObjectNode();
        request.put("cascade", key);
        request.put("source", "/internal/models/t/c/" + key);
        request.put("policyVersion", version.toString());
        ObjectNode input = request.putObject("input");
        input.putArray("shape").add(1).add(28).add(28);
        ArrayNode data = input.putArray("data");
        FashionMnist samples = FashionMnist.demoSamples();
        for (float v :
                Manifests.read(InferenceEngine.demoDirectory()).preprocessing().normalise(samples.image(sample))) {
            data.add(v);
        }
        return request;
    }

    private HttpResponse<String> execute(String key, UUID version, String token, int sample) throws Exception {
        return post(request(key, version, sample).toString(), token);
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + worker.port() + "/execute"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
