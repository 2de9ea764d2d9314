package io.tierserve.worker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.training.FashionMnist;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class WorkerServerTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static InferenceEngine engine;
    private static WorkerServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = InferenceEngine.withDemo();
        server = WorkerServer.start(
                engine, new WorkerSettings(0, 2, null, "test", null, Duration.ofSeconds(1), "default"));
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    @Test
    void healthNamesTheDeviceClassAndTheLoadedCascades() throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = HttpJson.JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("deviceClass").stringValue()).isEqualTo("cpu");
        assertThat(body.get("cascades").get(0).stringValue()).isEqualTo("fashion-mnist");
    }

    @Test
    void executeAnswersARealImageWithItsTrace() throws Exception {
        FashionMnist samples = FashionMnist.demoSamples();
        ObjectNode request = HttpJson.JSON.createObjectNode();
        request.put("cascade", "fashion-mnist");
        request.put("policy", "full");
        ObjectNode input = request.putObject("input");
        ArrayNode shape = input.putArray("shape");
        shape.add(1).add(28).add(28);
        ArrayNode data = input.putArray("data");
        for (float v : engine.manifest("fashion-mnist").preprocessing().normalise(samples.image(0))) {
            data.add(v);
        }
        HttpResponse<String> response = post("/execute", request.toString());
        JsonNode body = HttpJson.JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("label").intValue()).isEqualTo(samples.labels()[0]);
        assertThat(body.get("trace").get("stages").size()).isEqualTo(3);
        assertThat(body.get("trace").get("answeringStage").stringValue()).isEqualTo("exit3");
    }

    @Test
    void executeRunsAStoredPolicyDocumentAndReportsItsBins() throws Exception {
        var profile = io.tierserve.worker.profiling.DemoProfile.load();
        var estimated = io.tierserve.policy.estimation.CascadeEstimator.estimate(
                profile.split(1).fit(), io.tierserve.policy.estimation.EstimationSettings.defaults());
        String document = io.tierserve.policy.solver.Solvers.recall(estimated.model(), 1e-6)
                .toDocument(estimated.bins(), estimated.p99Nanos())
                .write();
        FashionMnist samples = FashionMnist.demoSamples();
        ObjectNode request = HttpJson.JSON.createObjectNode();
        request.put("cascade", "fashion-mnist");
        request.set("policy", HttpJson.JSON.readTree(document));
        ObjectNode input = request.putObject("input");
        input.putArray("shape").add(1).add(28).add(28);
        ArrayNode data = input.putArray("data");
        for (float v : engine.manifest("fashion-mnist").preprocessing().normalise(samples.image(5))) {
            data.add(v);
        }
        HttpResponse<String> response = post("/execute", request.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode stages = HttpJson.JSON.readTree(response.body()).get("trace").get("stages");
        assertThat(stages.size()).isPositive();
        for (JsonNode stage : stages) {
            assertThat(stage.get("bin").intValue())
                    .isEqualTo(estimated
                            .bins()
                            .binOf(
                                    stage.get("index").intValue(),
                                    stage.get("confidence").doubleValue()));
        }
    }

    @Test
    void profileRunsEveryStageOnUploadedLabelledSamples() throws Exception {
        FashionMnist samples = FashionMnist.demoSamples();
        ObjectNode request = HttpJson.JSON.createObjectNode();
        request.put("cascade", "fashion-mnist");
        request.put("warmup", 2);
        ArrayNode list = request.putArray("samples");
        for (int i = 0; i < 5; i++) {
            ObjectNode sample = list.addObject();
            sample.put("label", samples.labels()[i]);
            ObjectNode input = sample.putObject("input");
            input.putArray("shape").add(1).add(28).add(28);
            ArrayNode data = input.putArray("data");
            for (float v : engine.manifest("fashion-mnist").preprocessing().normalise(samples.image(i))) {
                data.add(v);
            }
        }
        HttpResponse<String> response = post("/profile", request.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        io.tierserve.policy.profile.Profile profile = io.tierserve.policy.profile.ProfileJson.parse(response.body());
        assertThat(profile.sampleCount()).isEqualTo(5);
        assertThat(profile.stageCount()).isEqualTo(3);
        assertThat(profile.samples().get(3).label()).isEqualTo(samples.labels()[3]);
    }

    @Test
    void badInputIsAProblemDetailWithStatus400() throws Exception {
        HttpResponse<String> response = post(
                "/execute",
                "{\"cascade\":\"fashion-mnist\",\"policy\":\"first\",\"input\":{\"shape\":[2,2],\"data\":[1,2,3,4]}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(HttpJson.JSON.readTree(response.body()).get("detail").stringValue())
                .contains("shape");
        assertThat(post("/execute", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownCascadeIs404() throws Exception {
        HttpResponse<String> response =
                post("/execute", "{\"cascade\":\"nope\",\"policy\":\"first\",\"input\":{\"image\":\"\"}}");
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void heartbeatsReachTheControlPlaneAndAnAbsentOneIsTolerated() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        CountDownLatch beat = new CountDownLatch(1);
        HttpServer controlPlane = HttpServer.create(new InetSocketAddress(0), 0);
        controlPlane.createContext(WorkerSettings.HEARTBEAT_PATH, exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            beat.countDown();
        });
        controlPlane.start();
        URI url = URI.create("http://localhost:" + controlPlane.getAddress().getPort());
        try (RegistrationClient client = RegistrationClient.start(
                new WorkerSettings(0, 1, url, "worker-7", null, Duration.ofMillis(100), "cpu-pool"),
                engine,
                server.port())) {
            assertThat(beat.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(client.failed()).isZero();
            JsonNode body = HttpJson.JSON.readTree(received.get());
            assertThat(body.get("workerId").stringValue()).isEqualTo("worker-7");
            assertThat(body.get("deviceClass").stringValue()).isEqualTo("cpu");
            assertThat(body.get("pool").stringValue()).isEqualTo("cpu-pool");
            assertThat(body.get("url").stringValue()).isEqualTo("http://localhost:" + server.port());
            assertThat(body.get("capacity").intValue()).isEqualTo(1);
            assertThat(body.get("cascades").get(0).stringValue()).isEqualTo("fashion-mnist");
        } finally {
            controlPlane.stop(0);
        }
        try (RegistrationClient orphan = RegistrationClient.start(
                new WorkerSettings(0, 1, url, "worker-8", null, Duration.ofMillis(50), "cpu-pool"),
                engine,
                server.port())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (orphan.failed() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(orphan.failed()).isPositive();
            assertThat(orphan.accepted()).isZero();
        }
        assertThat(RegistrationClient.start(WorkerSettings.defaults(), engine, 1))
                .isNull();
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
