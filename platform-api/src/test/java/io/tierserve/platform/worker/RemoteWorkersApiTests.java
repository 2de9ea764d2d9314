package io.tierserve.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ServedTenant;
import io.tierserve.platform.cascade.TestClassifiers;
import io.tierserve.platform.inference.TestImages;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.worker.training.FashionMnist;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The platform with no in-process worker ({@code tierserve.inference.in-process=false}) and two real
 * remote workers that register over HTTP: requests spread over both, a killed worker costs at most
 * one request and is marked down, a restarted one comes back, uploaded models reach the workers.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tierserve.bootstrap.admin-password=" + ApiClient.ADMIN_PASSWORD,
            "tierserve.demo.api-key=" + ApiClient.DEMO_API_KEY,
            "tierserve.inference.in-process=false",
            "tierserve.inference.full-profile-fraction=0",
            "tierserve.audit.directory=target/audit-checkpoints",
            "tierserve.workers.token=" + RemoteWorkersApiTests.TOKEN,
            "tierserve.workers.heartbeat-timeout=2s",
            "tierserve.workers.forget-after=6s",
            "tierserve.workers.refresh-interval=200ms"
        })
class RemoteWorkersApiTests {

    static final String TOKEN = "test-worker-token-0123456789";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path cache;

    private final List<TestWorker> workers = new ArrayList<>();
    private String prefix;

    @BeforeEach
    void startTwoWorkers() throws Exception {
        prefix = "it-" + UUID.randomUUID().toString().substring(0, 6);
        workers.add(start(prefix + "-a", 0));
        workers.add(start(prefix + "-b", 0));
        awaitStatus(workers.get(0).id(), "UP");
        awaitStatus(workers.get(1).id(), "UP");
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(TestWorker::close);
        // other test contexts read the same table
        jdbc.update("delete from worker_registrations where name like ?", prefix + "-%");
    }

    @Test
    void theDemoAnswersThroughBothRemoteWorkersAndTheAnswerNamesThem() {
        // with workers up, this instance (no in-process worker) is ready
        assertThat(ApiClient.as(port, null, null)
                        .get("/actuator/health/readiness")
                        .status())
                .isEqualTo(200);
        ApiClient.Response oipReady = ApiClient.as(port, null, null).get("/v2/health/ready");
        assertThat(oipReady.status()).isEqualTo(200);
        assertThat(oipReady.json().path("ready").asBoolean()).isTrue();
        ApiClient app = ApiClient.withKey(port, ApiClient.DEMO_API_KEY);
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ApiClient.Response answer = app.post(
                    "/v1/cascades/fashion-mnist/predict",
                    "{\"tier\":\"fast\",\"image\":\"%s\"}".formatted(TestImages.png(i)));
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.json().path("classIndex").asInt()).isBetween(0, 9);
            assertThat(answer.json().path("deviceClass").asString()).isEqualTo("cpu");
            answeredBy.add(answer.json().path("worker").asString());
        }
        assertThat(answeredBy).containsExactlyInAnyOrder(prefix + "-a", prefix + "-b");

        ApiClient.Response oip = app.post(
                "/v2/models/fashion-mnist/infer",
                "{\"parameters\":{\"tier\":\"fast\"},\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\","
                        + "\"shape\":[1,1,28,28],\"data\":" + zeros(784) + "}]}");
        assertThat(oip.status()).as(oip.text()).isEqualTo(200);
        JsonNode trace = oip.json().path("parameters").path("trace").get(0);
        assertThat(trace.path("worker").asString()).startsWith(prefix);
        assertThat(trace.path("deviceClass").asString()).isEqualTo("cpu");

        JsonNode listed = ApiClient.asAdmin(port).get("/api/workers").json();
        JsonNode a = worker(listed, prefix + "-a");
        assertThat(a.path("deviceClass").asString()).isEqualTo("cpu");
        assertThat(a.path("url").asString())
                .isEqualTo("http://localhost:" + workers.get(0).port());
        assertThat(a.path("lastHeartbeat").asString()).isNotBlank();
        assertThat(a.path("cascades").toString()).contains("fashion-mnist");
        assertThat(a.path("inFlight").asInt()).isZero();
        assertThat(ApiClient.withKey(port, ApiClient.DEMO_API_KEY)
                        .get("/api/workers")
                        .status())
                .isIn(401, 403);
    }

    @Test
    void aKilledWorkerFailsAtMostOneRequestIsMarkedDownAndComesBackWhenRestarted() throws Exception {
        ApiClient app = ApiClient.withKey(port, ApiClient.DEMO_API_KEY);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        String image = TestImages.png(0);
        Thread loop = new Thread(() -> {
            while (running.get()) {
                ApiClient.Response answer = app.post(
                        "/v1/cascades/fashion-mnist/predict", "{\"tier\":\"fast\",\"image\":\"%s\"}".formatted(image));
                (answer.status() == 200 ? served : failed).incrementAndGet();
            }
        });
        loop.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> served.get() >= 20);
            TestWorker victim = workers.get(1);
            int victimPort = victim.port();
            victim.kill();
            Awaitility.await("worker marked DOWN")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> status(victim.id()).equals("DOWN"));
            int afterDown = served.get();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> served.get() >= afterDown + 20);

            workers.set(1, start(victim.id(), victimPort));
            awaitStatus(victim.id(), "UP");
        } finally {
            running.set(false);
            loop.join();
        }
        assertThat(failed.get()).isLessThanOrEqualTo(1);
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            answeredBy.add(app.post(
                            "/v1/cascades/fashion-mnist/predict",
                            "{\"tier\":\"fast\",\"image\":\"%s\"}".formatted(image))
                    .json()
                    .path("worker")
                    .asString());
        }
        assertThat(answeredBy).contains(prefix + "-b");
    }

    @Test
    void withEveryWorkerGoneARequestIs503WithRetryAfterNeverA500() {
        workers.forEach(TestWorker::kill);
        ApiClient app = ApiClient.withKey(port, ApiClient.DEMO_API_KEY);
        String body = "{\"tier\":\"fast\",\"image\":\"%s\"}".formatted(TestImages.png(0));
        // still registered UP: both calls fail
        ApiClient.Response unanswered = app.post("/v1/cascades/fashion-mnist/predict", body);
        assertThat(unanswered.status()).as(unanswered.text()).isEqualTo(503);
        assertThat(unanswered.headers().getFirst("Retry-After")).isNotBlank();
        assertThat(unanswered.contentType()).contains("application/problem+json");
        awaitStatus(prefix + "-a", "DOWN");
        awaitStatus(prefix + "-b", "DOWN");
        // no worker left for its device classes: not ready (a probe sends its traffic elsewhere)
        Awaitility.await("readiness DOWN without workers")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ApiClient.as(port, null, null)
                                .get("/actuator/health/readiness")
                                .status()
                        == 503);
        assertThat(ApiClient.as(port, null, null)
                        .get("/actuator/health/liveness")
                        .status())
                .isEqualTo(200);
        // the Open Inference Protocol's readiness says the same, for KServe's and Triton's probes
        ApiClient.Response oipNotReady = ApiClient.as(port, null, null).get("/v2/health/ready");
        assertThat(oipNotReady.status()).isEqualTo(503);
        assertThat(oipNotReady.json().path("ready").asBoolean()).isFalse();
        assertThat(ApiClient.as(port, null, null).get("/v2/health/live").status())
                .isEqualTo(200);
        ApiClient.Response empty = app.post("/v1/cascades/fashion-mnist/predict", body);
        assertThat(empty.status()).as(empty.text()).isEqualTo(503);
        assertThat(empty.headers().getFirst("Retry-After")).isNotBlank();
        assertThat(empty.json().path("detail").asString()).contains("cpu");
        // gone for longer than forget-after: no longer listed
        awaitStatus(prefix + "-a", "ABSENT");
        awaitStatus(prefix + "-b", "ABSENT");
    }

    @Test
    void aWrongOrMissingWorkerTokenIs401AndAudited() throws Exception {
        long before = failures();
        String beat = "{\"workerId\":\"%s-intruder\",\"deviceClass\":\"cpu\",\"url\":\"http://localhost:1\"}"
                .formatted(prefix);
        HttpResponse<String> wrong = post("/internal/workers/heartbeat", beat, "Bearer not-the-token");
        HttpResponse<String> missing = post("/internal/workers/heartbeat", beat, null);
        HttpResponse<String> policy = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/internal/policies/" + UUID.randomUUID()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> refused : List.of(wrong, missing, policy)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        }
        assertThat(failures()).isEqualTo(before + 3);
        assertThat(jdbc.queryForObject(
                        "select count(*) from worker_registrations where name = ?", Long.class, prefix + "-intruder"))
                .isZero();
        assertThat(post(
                                "/internal/workers/heartbeat",
                                beat.replace("http://localhost:1", "not a url"),
                                "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void uploadedModelsAreServedByRemoteWorkersAndAReUploadReachesThemWithoutRestart(@TempDir Path temp)
            throws Exception {
        ApiClient platform = ApiClient.asAdmin(port);
        String tenant = ApiClient.uniqueName("remote");
        assertThat(platform.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Remote\"}".formatted(tenant))
                        .status())
                .isIn(200, 201);
        platform.post(
                "/api/tenants/" + tenant + "/tiers",
                "{\"name\":\"fast\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.05,\"defaultTier\":true}");
        ApiClient.Response created = platform.post("/api/tenants/" + tenant + "/cascades", cascadeJson());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        byte[] small = TestClassifiers.classifier("small", 1, 10);
        byte[] large = TestClassifiers.classifier("large", 2, 10);
        assertThat(upload(tenant, "small", small)).isEqualTo(201);
        assertThat(upload(tenant, "large", large)).isEqualTo(201);
        ApiClient.Response profiled = platform.post(
                "/api/tenants/" + tenant + "/cascades/own/profiles?name=own",
                ProfileJson.toJson(TestClassifiers.profile(temp, small, large)));
        assertThat(profiled.status()).as(profiled.text()).isEqualTo(202);
        assertThat(ServedTenant.awaitJob(
                        jdbc, UUID.fromString(profiled.json().path("jobId").asString())))
                .isEqualTo("SUCCEEDED");
        String key = platform.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"app\"}")
                .json()
                .path("key")
                .asString();
        ApiClient app = ApiClient.withKey(port, key);

        Set<String> first = servedKeys(app);
        assertThat(first).hasSize(1);
        String firstKey = first.iterator().next();
        assertThat(firstKey).startsWith("upload-");
        for (TestWorker worker : workers) {
            assertThat(worker.cascades()).contains(firstKey);
        }

        // a re-upload: the next requests bring the new models to every worker, which drop the old ones
        assertThat(upload(tenant, "large", TestClassifiers.classifier("larger", 5, 10)))
                .isEqualTo(200);
        Set<String> second = servedKeys(app);
        assertThat(second).hasSize(1).doesNotContain(firstKey);
        for (TestWorker worker : workers) {
            assertThat(worker.cascades()).contains(second.iterator().next()).doesNotContain(firstKey);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                worker(platform.get("/api/workers").json(), prefix + "-a")
                                        .path("cascades")
                                        .toString())
                        .contains(second.iterator().next()));

        // profiling runs on a worker of the pool too (this platform has no in-process worker)
        StringBuilder samples = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            samples.append(i == 0 ? "" : ",")
                    .append("{\"label\":%d,\"image\":\"%s\"}".formatted(TestImages.label(i), TestImages.png(i)));
        }
        ApiClient.Response measured = platform.post(
                "/api/tenants/" + tenant + "/cascades/own/profiles/measure",
                "{\"warmup\":5,\"samples\":[" + samples + "]}");
        assertThat(measured.status()).as(measured.text()).isEqualTo(202);
        ApiClient.Response misfit = platform.post(
                "/api/tenants/" + tenant + "/cascades/own/profiles/measure",
                "{\"warmup\":5,\"samples\":[{\"label\":0,\"tensor\":{\"shape\":[1,3,3],\"data\":[0,0,0,0,0,0,0,0,0]}}]}");
        assertThat(misfit.status()).as(misfit.text()).isEqualTo(400);
    }

    @Test
    void aTierThatPrefersADeviceClassIsServedByThatPoolAndFallsBackWhenItIsGone(@TempDir Path temp) throws Exception {
        ApiClient platform = ApiClient.asAdmin(port);
        String tenant = ApiClient.uniqueName("prefers");
        platform.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Prefers\"}".formatted(tenant));
        String tiers = "/api/tenants/" + tenant + "/tiers";
        String tier = "{\"name\":\"%s\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.05%s}";
        platform.post(tiers, tier.formatted("fast", ",\"defaultTier\":true"));
        ApiClient.Response near = platform.post(tiers, tier.formatted("near", ",\"deviceClass\":\"cpu\""));
        assertThat(near.status()).as(near.text()).isEqualTo(201);
        assertThat(near.json().path("deviceClass").asString()).isEqualTo("cpu");
        assertThat(platform.post(tiers, tier.formatted("odd", ",\"deviceClass\":\"tpu\""))
                        .errorFields())
                .containsExactly("deviceClass");
        platform.post("/api/tenants/" + tenant + "/cascades", cascadeJson());
        byte[] small = TestClassifiers.classifier("small", 1, 10);
        byte[] large = TestClassifiers.classifier("large", 2, 10);
        upload(tenant, "small", small);
        upload(tenant, "large", large);
        ApiClient.Response profiled = platform.post(
                "/api/tenants/" + tenant + "/cascades/own/profiles?name=own",
                ProfileJson.toJson(TestClassifiers.profile(temp, small, large)));
        assertThat(ServedTenant.awaitJob(
                        jdbc, UUID.fromString(profiled.json().path("jobId").asString())))
                .isEqualTo("SUCCEEDED");
        ApiClient app = ApiClient.withKey(
                port,
                platform.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"app\"}")
                        .json()
                        .path("key")
                        .asString());
        String image = TestImages.png(0);
        assertThat(deviceClass(app, "fast", image)).isEqualTo("cpu");

        // a gpu pool: this machine has no GPU, so its worker runs its models on the CPU, and the gpu
        // profile is the cpu one under the gpu class; the platform routes by the class a worker
        // registers with and the versions planned for that class
        TestWorker gpu = TestWorker.start(prefix + "-gpu", 0, port, TOKEN, cache.resolve("gpu"), "gpu");
        workers.add(gpu);
        awaitStatus(gpu.id(), "UP");
        Profile onCpu = TestClassifiers.profile(temp, small, large);
        Profile onGpu = new Profile(
                onCpu.formatVersion(),
                onCpu.cascade(),
                "gpu",
                onCpu.labels(),
                onCpu.stages().stream()
                        .map(stage -> new ProfileStage(
                                stage.id(),
                                stage.parent(),
                                Map.of("gpu", stage.latency().get(onCpu.deviceClass()))))
                        .toList(),
                onCpu.samples());
        ApiClient.Response gpuProfiled = platform.post(
                "/api/tenants/" + tenant + "/cascades/own/profiles?name=own-gpu", ProfileJson.toJson(onGpu));
        assertThat(gpuProfiled.status()).as(gpuProfiled.text()).isEqualTo(202);
        assertThat(ServedTenant.awaitJob(
                        jdbc, UUID.fromString(gpuProfiled.json().path("jobId").asString())))
                .isEqualTo("SUCCEEDED");

        // the platform's order (gpu, cpu) for the tier without a preference, once the job's activations
        // have reached the serving snapshot; cpu for the tier that prefers it
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> deviceClass(app, "fast", image).equals("gpu"));
        ApiClient.Response fast = predict(app, "fast", image);
        assertThat(fast.json().path("deviceClass").asString()).isEqualTo("gpu");
        assertThat(fast.json().path("worker").asString()).isEqualTo(gpu.id());
        assertThat(deviceClass(app, "near", image)).isEqualTo("cpu");

        // with the cpu pool gone, the preferring tier falls back to the platform's order
        for (TestWorker worker : List.copyOf(workers.subList(0, 2))) {
            worker.kill();
            awaitStatus(worker.id(), "DOWN");
        }
        assertThat(deviceClass(app, "near", image)).isEqualTo("gpu");
    }

    private static ApiClient.Response predict(ApiClient app, String tier, String image) {
        ApiClient.Response answer =
                app.post("/v1/cascades/own/predict", "{\"tier\":\"%s\",\"image\":\"%s\"}".formatted(tier, image));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer;
    }

    private static String deviceClass(ApiClient app, String tier, String image) {
        return predict(app, tier, image).json().path("deviceClass").asString();
    }

    // 10 requests through both workers; the model keys the workers loaded meanwhile
    private Set<String> servedKeys(ApiClient app) {
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            ApiClient.Response answer =
                    app.post("/v1/cascades/own/predict", "{\"image\":\"%s\"}".formatted(TestImages.png(i)));
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(FashionMnist.LABELS).contains(answer.json().path("label").asString());
            answeredBy.add(answer.json().path("worker").asString());
        }
        assertThat(answeredBy).hasSize(2);
        Set<String> keys = new HashSet<>();
        for (TestWorker worker : workers) {
            worker.cascades().stream()
                    .filter(name -> name.startsWith("upload-"))
                    .forEach(keys::add);
        }
        return keys;
    }

    private TestWorker start(String id, int workerPort) throws Exception {
        return TestWorker.start(id, workerPort, port, TOKEN, cache.resolve(id));
    }

    private void awaitStatus(String id, String status) {
        Awaitility.await("worker " + id + " " + status)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> status(id).equals(status));
    }

    private String status(String id) {
        JsonNode found = worker(ApiClient.asAdmin(port).get("/api/workers").json(), id);
        return found == null ? "ABSENT" : found.path("status").asString();
    }

    private static JsonNode worker(JsonNode listed, String id) {
        for (JsonNode worker : listed) {
            if (worker.path("id").asString().equals(id)) {
                return worker;
            }
        }
        return null;
    }

    private long failures() {
        return jdbc.queryForObject("select count(*) from audit_events where action = 'worker.auth_failed'", Long.class);
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int upload(String tenant, String stage, byte[] model) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tenants/" + tenant
                        + "/cascades/own/stages/" + stage + "/model"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                ("admin:" + ApiClient.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(model))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String cascadeJson() {
        StringBuilder labels = new StringBuilder();
        for (String label : FashionMnist.LABELS) {
            labels.append(labels.isEmpty() ? "" : ",").append('"').append(label).append('"');
        }
        return ("{\"name\":\"own\",\"stages\":[{\"name\":\"small\"},{\"name\":\"large\",\"parent\":\"small\"}],"
                        + "\"inputShape\":[1,28,28],\"labels\":[%s],"
                        + "\"preprocessing\":{\"mean\":0.286,\"std\":0.353},\"output\":\"probabilities\"}")
                .formatted(labels);
    }

    private static String zeros(int n) {
        StringBuilder data = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            data.append(i == 0 ? "0" : ",0");
        }
        return data.append(']').toString();
    }
}
