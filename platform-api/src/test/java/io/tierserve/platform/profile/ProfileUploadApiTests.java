package io.tierserve.platform.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.ServedTenant;
import io.tierserve.platform.serving.ServingState;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.worker.profiling.DemoProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Standalone mode end to end: upload, in-process recomputation, activation and rollback seen by inference. */
@ApiTest
class ProfileUploadApiTests {

    private static final String PROFILES = "/api/tenants/demo/cascades/fashion-mnist/profiles";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ServingState lookup;

    private final List<UUID> uploaded = new ArrayList<>();

    /** The demo cascade is shared with other API tests (one schema), which expect its one seeded profile. */
    @AfterEach
    void removeUploadedProfiles() {
        uploaded.forEach(id -> jdbc.update("delete from profiles where id = ?", id));
    }

    @Test
    void anUploadedProfileYieldsAVersionForEveryTierAndRollbackIsSeenByTheNextLookup() throws Exception {
        ApiClient api = ApiClient.asAdmin(port);
        Profile demo = DemoProfile.load();
        long start = System.nanoTime();

        ApiClient.Response uploaded =
                api.post(PROFILES + "?name=" + ApiClient.uniqueName("upload"), ProfileJson.toJson(demo));

        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(uploaded.status()).isEqualTo(202);
        this.uploaded.add(UUID.fromString(uploaded.json().get("profileId").stringValue()));
        UUID job = UUID.fromString(uploaded.json().get("jobId").stringValue());
        String status = awaitJob(job);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "recomputation: upload answered in %.2f s, job %s %.2f s after the upload began%n",
                uploadSeconds, status, seconds);
        assertThat(status).isEqualTo("SUCCEEDED");
        long tiers = count("select count(*) from tiers t join tenants n on n.id = t.tenant_id where n.name = 'demo'");
        long versions = count("select count(*) from policy_versions where job_id = ?", job);
        String result =
                jdbc.queryForObject("select result::text from recomputation_jobs where id = ?", String.class, job);
        System.out.println("recomputation result: " + result);
        System.out.println("recomputation job queued -> claimed -> finished (s): "
                + jdbc.queryForObject(
                        "select extract(epoch from started_at - created_at) || ' / ' || extract(epoch from finished_at - started_at)"
                                + " from recomputation_jobs where id = ?",
                        String.class,
                        job));
        assertThat(versions).as("one new version per tier, fallbacks included").isEqualTo(tiers);
        // the jobs list shows the stored result as a JSON object
        tools.jackson.databind.JsonNode listed = api.get("/api/tenants/demo/jobs")
                .json()
                .valueStream()
                .filter(j -> j.path("id").asString().equals(job.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(listed.path("result").isObject()).as(listed.toString()).isTrue();
        assertThat(listed.path("result").path("versions").size()).isEqualTo((int) versions);
        long fallbacks =
                count("select jsonb_array_length(result->'fallbacks') from recomputation_jobs where id = ?", job);
        assertThat(count(
                        "select count(*) from policy_versions where job_id = ? and not recall"
                                + " and metrics->>'status' = 'FALLBACK'",
                        job))
                .isEqualTo(fallbacks);
        // a planned version says which family serves it, and its recall flag agrees
        assertThat(count(
                        "select count(*) from policy_versions where job_id = ? and metrics->>'status' <> 'FALLBACK'"
                                + " and recall <> (metrics->>'family' = 'RECALL')",
                        job))
                .isZero();
        assertThat(count(
                        "select count(*) from policy_versions where job_id = ? and metrics->>'status' = 'FALLBACK'",
                        job))
                .isEqualTo(fallbacks);

        String tier = jdbc.queryForObject(
                "select t.name from policy_versions v join tiers t on t.id = v.tier_id where v.job_id = ? limit 1",
                String.class,
                job);
        // the job's activation reaches the serving snapshot through a change notification
        UUID fresh = Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(
                        () -> lookup.activePolicy("demo", "fashion-mnist", tier, "cpu")
                                .orElseThrow()
                                .versionId(),
                        id -> count("select count(*) from policy_versions where id = ? and job_id = ?", id, job) == 1);
        UUID earlier = jdbc.queryForObject(
                "select v.id from policy_versions v join tiers t on t.id = v.tier_id where t.name = ?"
                        + " and v.device_class = 'cpu' and v.status = 'RETIRED' and v.cascade_id ="
                        + " (select cascade_id from policy_versions where id = ?) order by v.version_number desc limit 1",
                UUID.class,
                tier,
                fresh);

        ApiClient.Response rollback =
                api.post("/api/tenants/demo/cascades/fashion-mnist/policy-versions/" + earlier + "/activate", "{}");

        assertThat(rollback.status()).isEqualTo(200);
        assertThat(lookup.activePolicy("demo", "fashion-mnist", tier, "cpu")
                        .orElseThrow()
                        .versionId())
                .isEqualTo(earlier);
        assertThat(count(
                        "select count(*) from audit_events where action = 'policy.activated' and target_id = ?",
                        earlier))
                .isPositive();
        // The job processor's activations join the tenant's audit hash chain like the platform's own events.
        ApiClient.Response chain = api.get("/api/tenants/demo/audit/verify");
        assertThat(chain.status()).isEqualTo(200);
        assertThat(chain.json().path("intact").asBoolean()).isTrue();
    }

    @Test
    void anInvalidUploadIsRefusedWithAProblemAndChangesNothing() {
        ApiClient api = ApiClient.asAdmin(port);
        long profiles = count("select count(*) from profiles");
        long jobs = count("select count(*) from recomputation_jobs");
        String json = ProfileJson.toJson(DemoProfile.load());
        String broken = json.replaceFirst("\"confidence\":\\s*[0-9.eE-]+", "\"confidence\":1.5");
        assertThat(broken).isNotEqualTo(json);

        ApiClient.Response response = api.post(PROFILES, broken);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.json().get("detail").stringValue()).contains("confidence");
        assertThat(count("select count(*) from profiles")).isEqualTo(profiles);
        assertThat(count("select count(*) from recomputation_jobs")).isEqualTo(jobs);
    }

    @Test
    void aProfileOfOtherStagesIsRefused() {
        ApiClient api = ApiClient.asAdmin(port);
        long profiles = count("select count(*) from profiles");
        String json = ProfileJson.toJson(DemoProfile.load()).replace("\"exit1\"", "\"exit9\"");

        ApiClient.Response response = api.post(PROFILES, json);

        assertThat(response.status()).isEqualTo(400);
        assertThat(count("select count(*) from profiles")).isEqualTo(profiles);
    }

    @Test
    void activatingAVersionOfNoSuchIdIsANotFoundProblem() {
        ApiClient.Response response = ApiClient.asAdmin(port)
                .post(
                        "/api/tenants/demo/cascades/fashion-mnist/policy-versions/" + UUID.randomUUID() + "/activate",
                        "{}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).contains("application/problem+json");
    }

    private String awaitJob(UUID job) {
        return ServedTenant.awaitJob(jdbc, job);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
