package io.tierserve.platform.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.ServedTenant;
import io.tierserve.platform.inference.TestImages;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.worker.training.FashionMnist;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Standalone mode end to end with a tenant's own models: two small ONNX classifiers built here
 * (Flatten → Gemm → Softmax, seeded weights) are uploaded, profiled, recomputed into policies and
 * served through {@code /v1}.
 */
@ApiTest
class ModelUploadApiTests {

    private static final List<String> LABELS = FashionMnist.LABELS;
    private static final String CASCADE = "own-models";
    private static final String PASSWORD = "a-tenant-admin-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path temp;

    @Test
    void uploadedModelsAreCheckedStoredAuditedAndServedThroughThePublicApi() throws Exception {
        ApiClient platform = ApiClient.asAdmin(port);
        String tenant = tenant(platform);
        String admin = tenant + "-admin";
        assertThat(platform.post(
                                "/api/tenants/" + tenant + "/users",
                                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"TENANT_ADMIN\"}"
                                        .formatted(admin, PASSWORD))
                        .status())
                .isEqualTo(201);
        ApiClient.Response created = platform.post("/api/tenants/" + tenant + "/cascades", cascadeJson());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("inputShape").toString()).isEqualTo("[1,28,28]");
        assertThat(created.json().path("labels").size()).isEqualTo(10);
        assertThat(created.json().path("output").asString()).isEqualTo("probabilities");
        byte[] small = TestClassifiers.classifier("small", 1, 10);
        byte[] large = TestClassifiers.classifier("large", 2, 10);

        Upload first = put(tenant, "small", small, tenant + "/" + admin);
        Upload second = put(tenant, "large", large, tenant + "/" + admin);
        Upload again = put(tenant, "small", small, tenant + "/" + admin);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        JsonNode stored = JSON.readTree(again.body());
        assertThat(stored.path("location").asString()).startsWith("db:");
        assertThat(stored.path("sizeBytes").asLong()).isEqualTo(small.length);
        assertThat(stored.path("sha256").asString()).hasSize(64);
        UUID tenantId = jdbc.queryForObject("select id from tenants where name = ?", UUID.class, tenant);
        assertThat(count(
                        "select count(*) from audit_events where tenant_id = ? and action = 'model.uploaded'"
                                + " and details->>'sha256' = ? and (details->>'sizeBytes')::bigint = ?",
                        tenantId,
                        stored.path("sha256").asString(),
                        small.length))
                .isEqualTo(2);
        assertThat(count(
                        "select count(*) from model_artifact_contents c join model_artifacts a"
                                + " on a.tenant_id = c.tenant_id and a.id = c.artifact_id"
                                + " where a.tenant_id = ? and a.current",
                        tenantId))
                .isEqualTo(2);

        // refusals: nothing changes
        long artifacts = count("select count(*) from model_artifacts where tenant_id = ?", tenantId);
        long audited = count("select count(*) from audit_events where tenant_id = ?", tenantId);
        Upload corrupt =
                put(tenant, "small", "not an onnx file".getBytes(StandardCharsets.UTF_8), tenant + "/" + admin);
        Upload wrongOutput = put(tenant, "large", TestClassifiers.classifier("five", 3, 5), tenant + "/" + admin);
        Upload noStage = put(tenant, "huge", small, tenant + "/" + admin);
        assertThat(corrupt.status()).isEqualTo(400);
        assertThat(corrupt.contentType()).contains("application/problem+json");
        assertThat(corrupt.body()).contains("not an ONNX model");
        assertThat(wrongOutput.status()).isEqualTo(400);
        assertThat(wrongOutput.body()).contains("10 labels");
        assertThat(noStage.status()).isEqualTo(404);
        assertThat(count("select count(*) from model_artifacts where tenant_id = ?", tenantId))
                .isEqualTo(artifacts);
        assertThat(count("select count(*) from audit_events where tenant_id = ?", tenantId))
                .isEqualTo(audited);

        // another tenant's admin sees no such cascade
        String other = tenant(platform);
        String intruder = other + "-admin";
        platform.post(
                "/api/tenants/" + other + "/users",
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"TENANT_ADMIN\"}".formatted(intruder, PASSWORD));
        assertThat(put(tenant, "small", small, other + "/" + intruder).status()).isEqualTo(404);

        // profile the two models as a worker would, upload the profile, wait for the policies
        Profile profile = TestClassifiers.profile(temp, small, large);
        ApiClient.Response uploaded = platform.post(
                "/api/tenants/" + tenant + "/cascades/" + CASCADE + "/profiles?name=own", ProfileJson.toJson(profile));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(202);
        assertThat(ServedTenant.awaitJob(
                        jdbc, UUID.fromString(uploaded.json().path("jobId").asString())))
                .isEqualTo("SUCCEEDED");
        String key = platform.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"app\"}")
                .json()
                .path("key")
                .asString();

        // concurrent first requests load the uploaded models once (one materialised directory)
        Set<Path> before = materialised();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiClient.Response>> firstAnswers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                firstAnswers.add(pool.submit(() -> ApiClient.withKey(port, key)
                        .post(
                                "/v1/cascades/" + CASCADE + "/predict",
                                "{\"image\":\"%s\"}".formatted(TestImages.png(1)))));
            }
            for (Future<ApiClient.Response> answer : firstAnswers) {
                assertThat(answer.get().status()).as(answer.get().text()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(added(before)).hasSize(1);

        ApiClient.Response image = ApiClient.withKey(port, key)
                .post(
                        "/v1/cascades/" + CASCADE + "/predict",
                        "{\"image\":\"%s\",\"scores\":true}".formatted(TestImages.png(0)));
        ApiClient.Response tensor = ApiClient.withKey(port, key)
                .post(
                        "/v1/cascades/" + CASCADE + "/predict",
                        "{\"tensor\":{\"shape\":[1,28,28],\"data\":%s}}".formatted(zeros(784)));

        for (ApiClient.Response answer : List.of(image, tensor)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(LABELS).contains(answer.json().path("label").asString());
            List<String> run = new ArrayList<>();
            answer.json().path("stagesRun").forEach(stage -> run.add(stage.asString()));
            assertThat(run).isNotEmpty().isSubsetOf("small", "large");
            assertThat(answer.json().path("answeredBy").asString()).isIn("small", "large");
        }

        // a re-upload is served from the next request on: a new load, the old policy still routes
        assertThat(put(tenant, "large", TestClassifiers.classifier("larger", 5, 10), tenant + "/" + admin)
                        .status())
                .isEqualTo(200);
        Set<Path> beforeReupload = materialised();
        assertThat(ApiClient.withKey(port, key)
                        .post("/v1/cascades/" + CASCADE + "/predict", "{\"image\":\"%s\"}".formatted(TestImages.png(2)))
                        .status())
                .isEqualTo(200);
        assertThat(added(beforeReupload)).hasSize(1);

        // the platform profiles the uploaded models itself on a labelled dataset
        StringBuilder samples = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            samples.append(i == 0 ? "" : ",")
                    .append("{\"label\":%d,\"image\":\"%s\"}".formatted(TestImages.label(i), TestImages.png(i)));
        }
        ApiClient.Response measured = platform.post(
                "/api/tenants/" + tenant + "/cascades/" + CASCADE + "/profiles/measure",
                "{\"warmup\":10,\"samples\":[" + samples + "]}");
        assertThat(measured.status()).as(measured.text()).isEqualTo(202);
        UUID measuredProfile = UUID.fromString(measured.json().path("profileId").asString());
        assertThat(count(
                        "select count(*) from profile_outputs o join stages s on s.id = o.stage_id"
                                + " where o.profile_id = ? and s.name in ('small', 'large')",
                        measuredProfile))
                .isEqualTo(120);
        assertThat(ServedTenant.awaitJob(
                        jdbc, UUID.fromString(measured.json().path("jobId").asString())))
                .isEqualTo("SUCCEEDED");

        // input fields changed after the upload: the models no longer fit, a 409 says which stage
        ApiClient.Response changed = platform.put(
                "/api/tenants/" + tenant + "/cascades/" + CASCADE,
                cascadeJson().replace(",\"Sandal\",\"Shirt\",\"Sneaker\",\"Bag\",\"Ankle boot\"", ""));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().path("labels").size()).isEqualTo(5);
        ApiClient.Response misfit = ApiClient.withKey(port, key)
                .post("/v1/cascades/" + CASCADE + "/predict", "{\"image\":\"%s\"}".formatted(TestImages.png(3)));
        assertThat(misfit.status()).as(misfit.text()).isEqualTo(409);
        assertThat(misfit.json().path("detail").asString())
                .contains("stage small")
                .contains("5 labels");
    }

    @Test
    void aModelCannotBeUploadedBeforeTheCascadeSaysWhatItReads() throws Exception {
        ApiClient platform = ApiClient.asAdmin(port);
        String tenant = tenant(platform);
        assertThat(platform.post(
                                "/api/tenants/" + tenant + "/cascades",
                                "{\"name\":\"plain\",\"stages\":[{\"name\":\"only\"}]}")
                        .status())
                .isEqualTo(201);

        Upload refused =
                put(tenant, "plain", "only", TestClassifiers.classifier("c", 4, 10), "admin", ApiClient.ADMIN_PASSWORD);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("inputShape");
    }

    @Test
    void duplicateLabelsAndHalfAnInputAreRefused() {
        ApiClient platform = ApiClient.asAdmin(port);
        String tenant = tenant(platform);

        ApiClient.Response duplicate = platform.post(
                "/api/tenants/" + tenant + "/cascades",
                "{\"name\":\"dup\",\"stages\":[{\"name\":\"a\"}],\"inputShape\":[4],\"labels\":[\"x\",\"x\"]}");
        ApiClient.Response halfInput = platform.post(
                "/api/tenants/" + tenant + "/cascades",
                "{\"name\":\"half\",\"stages\":[{\"name\":\"a\"}],\"inputShape\":[4]}");
        ApiClient.Response badShape = platform.post(
                "/api/tenants/" + tenant + "/cascades",
                "{\"name\":\"bad\",\"stages\":[{\"name\":\"a\"}],\"inputShape\":[0],\"labels\":[\"x\"]}");

        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorFields()).contains("labels");
        assertThat(halfInput.status()).isEqualTo(400);
        assertThat(badShape.status()).isEqualTo(400);
    }

    private String tenant(ApiClient platform) {
        String name = ApiClient.uniqueName("upload");
        assertThat(platform.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Uploads\"}".formatted(name))
                        .status())
                .isIn(200, 201);
        assertThat(platform.post(
                                "/api/tenants/" + name + "/tiers",
                                "{\"name\":\"fast\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.05,"
                                        + "\"defaultTier\":true}")
                        .status())
                .isEqualTo(201);
        return name;
    }

    private static String cascadeJson() {
        StringBuilder labels = new StringBuilder();
        for (String label : LABELS) {
            labels.append(labels.isEmpty() ? "" : ",").append('"').append(label).append('"');
        }
        return ("{\"name\":\"%s\",\"stages\":[{\"name\":\"small\"},{\"name\":\"large\",\"parent\":\"small\"}],"
                        + "\"inputShape\":[1,28,28],\"labels\":[%s],"
                        + "\"preprocessing\":{\"mean\":0.286,\"std\":0.353},\"output\":\"probabilities\"}")
                .formatted(CASCADE, labels);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Upload(int status, String contentType, String body) {}

    private Upload put(String tenant, String stage, byte[] model, String username) throws Exception {
        return put(tenant, CASCADE, stage, model, username, PASSWORD);
    }

    private Upload put(String tenant, String cascade, String stage, byte[] model, String username, String password)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tenants/" + tenant
                        + "/cascades/" + cascade + "/stages/" + stage + "/model"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(model))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Upload(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static Set<Path> added(Set<Path> before) throws IOException {
        Set<Path> now = new HashSet<>(materialised());
        now.removeAll(before);
        return now;
    }

    private static Set<Path> materialised() throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "tierserve-models");
        if (!Files.isDirectory(root)) {
            return Set.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.collect(Collectors.toSet());
        }
    }

    private static String zeros(int n) {
        StringBuilder data = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            data.append(i == 0 ? "0" : ",0");
        }
        return data.append(']').toString();
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
