package io.tierserve.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.cascade.ArtifactRequest;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.inference.InProcessWorker;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.profiling.DemoProfile;
import io.tierserve.worker.training.FashionMnist;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh tenant serving the demo CNN as its cascade {@code fashion-mnist}, with tiers {@code fast}
 * (default) and {@code within-1ms}, the demo profile uploaded and recomputed into active versions,
 * and an API key: traffic, drift and feedback of one test never meet another test's.
 */
public record ServedTenant(String name, UUID id, ApiClient admin, ApiClient key) {

    public static final String CASCADE = "fashion-mnist";
    private static final FashionMnist SAMPLES = FashionMnist.demoSamples();

    public static ServedTenant create(
            int port, JdbcTemplate jdbc, CascadeService cascades, InProcessWorker worker, String prefix)
            throws InterruptedException {
        ApiClient admin = ApiClient.asAdmin(port);
        String name = ApiClient.uniqueName(prefix);
        assertThat(admin.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Test\"}".formatted(name))
                        .status())
                .isIn(200, 201);
        String tiers = "/api/tenants/" + name + "/tiers";
        admin.post(
                tiers,
                "{\"name\":\"fast\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.05,\"defaultTier\":true}");
        admin.post(tiers, "{\"name\":\"within-1ms\",\"objective\":\"LATENCY_BUDGET\",\"latencyBudgetMs\":1.0}");
        CascadeManifest manifest = worker.manifest(InProcessWorker.DEMO_CASCADE);
        StringJoiner stages = new StringJoiner(",");
        for (StageSpec stage : manifest.stages()) {
            stages.add(
                    stage.parent() == null
                            ? "{\"name\":\"%s\"}".formatted(stage.id())
                            : "{\"name\":\"%s\",\"parent\":\"%s\"}".formatted(stage.id(), stage.parent()));
        }
        assertThat(admin.post(
                                "/api/tenants/" + name + "/cascades",
                                "{\"name\":\"%s\",\"stages\":[%s]}".formatted(CASCADE, stages))
                        .status())
                .isIn(200, 201);
        for (StageSpec stage : manifest.stages()) {
            cascades.attachArtifact(
                    name,
                    CASCADE,
                    stage.id(),
                    new ArtifactRequest(
                            StageSpec.ONNX_RUNTIME.equals(stage.engine()) ? "ONNX" : "DJL",
                            stage.engine(),
                            InProcessWorker.DEMO_LOCATION_PREFIX + stage.files().get(stage.engine()),
                            null,
                            null));
        }
        ApiClient.Response uploaded = admin.post(
                "/api/tenants/" + name + "/cascades/" + CASCADE + "/profiles?name=demo",
                ProfileJson.toJson(DemoProfile.load()));
        assertThat(uploaded.status()).isEqualTo(202);
        UUID job = UUID.fromString(uploaded.json().path("jobId").asString());
        assertThat(awaitJob(jdbc, job)).isEqualTo("SUCCEEDED");
        String key = admin.post("/api/tenants/" + name + "/api-keys", "{\"name\":\"app\"}")
                .json()
                .path("key")
                .asString();
        UUID id = jdbc.queryForObject("select id from tenants where name = ?", UUID.class, name);
        return new ServedTenant(name, id, admin, ApiClient.withKey(port, key));
    }

    /** Waits for a job to finish (up to 60 s) and says how it ended. */
    public static String awaitJob(JdbcTemplate jdbc, UUID job) {
        return Awaitility.await("job " + job)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> jdbc.queryForObject(
                                "select status from recomputation_jobs where id = ?", String.class, job),
                        status -> "SUCCEEDED".equals(status) || "FAILED".equals(status));
    }

    /** The class index of demo sample {@code index}. */
    public static int label(int index) {
        return SAMPLES.labels()[index % SAMPLES.count()];
    }

    /**
     * Demo samples {@code from .. from + count - 1} (wrapping around the 200 committed test images)
     * normalised as the manifest says, as {@code inputs}.
     */
    public static List<String> samples(int from, int count) {
        List<String> inputs = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            float[] pixels = SAMPLES.image(i % SAMPLES.count());
            double[] values = new double[pixels.length];
            for (int p = 0; p < pixels.length; p++) {
                values[p] = (pixels[p] / 255.0 - 0.286) / 0.353;
            }
            inputs.add(tensor(values));
        }
        return inputs;
    }

    /**
     * {@code count} blank images, each one grey level near black (what a broken camera or an
     * upstream bug sends): traffic unlike any profile sample.
     */
    public static List<String> blank(int count, long seed) {
        Random random = new Random(seed);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] values = new double[28 * 28];
            java.util.Arrays.fill(values, (random.nextDouble() * 0.1 - 0.286) / 0.353);
            inputs.add(tensor(values));
        }
        return inputs;
    }

    /** Predicts every input under {@code tier} in batches of 32; the request ids in order. */
    public List<UUID> predict(String tier, List<String> inputs) {
        List<UUID> ids = new ArrayList<>();
        for (int from = 0; from < inputs.size(); from += 32) {
            List<String> batch = inputs.subList(from, Math.min(inputs.size(), from + 32));
            ApiClient.Response response = key.post(
                    "/v1/cascades/" + CASCADE + "/predict",
                    "{\"tier\":\"%s\",\"inputs\":[%s]}".formatted(tier, String.join(",", batch)));
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            response.json()
                    .path("predictions")
                    .forEach(p -> ids.add(UUID.fromString(p.path("requestId").asString())));
        }
        return ids;
    }

    private static String tensor(double[] values) {
        StringJoiner data = new StringJoiner(",", "[", "]");
        for (double value : values) {
            data.add(Float.toString((float) value));
        }
        return "{\"tensor\":{\"shape\":[1,28,28],\"data\":" + data + "}}";
    }
}
