package io.tierserve.platform.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.ServedTenant;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.inference.InProcessWorker;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Labels sent back through {@code POST /v1/feedback}: checked against the caller's own requests and
 * the cascade's labels, once per request; enough of them (60 in tests) become a live profile whose
 * job yields new policy versions.
 */
@ApiTest
class FeedbackApiTests {

    private static final String FEEDBACK = "/v1/feedback";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CascadeService cascades;

    @Autowired
    InProcessWorker worker;

    @Test
    void enoughLabelsBuildALiveProfileWhoseJobYieldsNewPolicyVersions() throws Exception {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "feedback");
        List<UUID> requests = tenant.predict("within-1ms", ServedTenant.samples(0, 60));
        List<String> labels = worker.manifest(InProcessWorker.DEMO_CASCADE).labels();

        ApiClient.Response first =
                tenant.key().post(FEEDBACK, body(requests.get(0), "\"" + labels.get(ServedTenant.label(0)) + "\""));

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        JsonNode stored = first.json();
        assertThat(stored.path("labelIndex").asInt()).isEqualTo(ServedTenant.label(0));
        assertThat(stored.path("profiled").asBoolean()).isTrue();
        assertThat(stored.path("pendingLiveSamples").asLong()).isEqualTo(1);
        assertThat(stored.path("stages").size()).isPositive();
        JsonNode answered = stored.path("stages").get(stored.path("stages").size() - 1);
        assertThat(answered.path("correct").asBoolean())
                .isEqualTo(answered.path("classIndex").asInt() == ServedTenant.label(0));

        ApiClient.Response twice = tenant.key().post(FEEDBACK, body(requests.get(0), "0"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.contentType()).contains("application/problem+json");

        ApiClient.Response sock = tenant.key().post(FEEDBACK, body(requests.get(1), "\"Sock\""));
        assertThat(sock.status()).isEqualTo(400);
        assertThat(sock.json().path("detail").asString())
                .contains("Sock")
                .contains("Ankle boot")
                .contains("T-shirt/top");
        assertThat(tenant.key().post(FEEDBACK, body(requests.get(1), "10")).status())
                .isEqualTo(400);

        long jobsBefore = count("select count(*) from recomputation_jobs where tenant_id = ?", tenant.id());
        UUID job = null;
        long start = 0;
        for (int i = 1; i < requests.size(); i++) {
            if (i == requests.size() - 1) {
                start = System.nanoTime();
            }
            ApiClient.Response labelled =
                    tenant.key().post(FEEDBACK, body(requests.get(i), Integer.toString(ServedTenant.label(i))));
            assertThat(labelled.status()).as(labelled.text()).isEqualTo(201);
            if (i < requests.size() - 1) {
                assertThat(labelled.json().path("recomputationJob").isNull()).isTrue();
            } else {
                job = UUID.fromString(labelled.json().path("recomputationJob").asString());
            }
        }

        assertThat(job).isNotNull();
        assertThat(ServedTenant.awaitJob(jdbc, job)).isEqualTo("SUCCEEDED");
        long versions = count("select count(*) from policy_versions where job_id = ?", job);
        System.out.printf(
                "feedback: 60th label -> job SUCCEEDED in %.2f s, %d new version(s); result %s%n",
                (System.nanoTime() - start) / 1e9,
                versions,
                jdbc.queryForObject("select result::text from recomputation_jobs where id = ?", String.class, job));
        assertThat(versions).isPositive();
        assertThat(count("select count(*) from recomputation_jobs where tenant_id = ?", tenant.id()))
                .isEqualTo(jobsBefore + 1);
        assertThat(jdbc.queryForObject(
                        "select reason || ' ' || p.source || ' ' || p.sample_count from recomputation_jobs j"
                                + " join profiles p on p.tenant_id = j.tenant_id and p.id = j.profile_id where j.id = ?",
                        String.class,
                        job))
                .isEqualTo("LIVE_FEEDBACK MEASURED 60");
        assertThat(count(
                        "select count(*) from audit_events where tenant_id = ? and action = 'feedback.recomputation_queued'",
                        tenant.id()))
                .isEqualTo(1);
        assertThat(count("select count(*) from feedback where tenant_id = ? and live_profile_id is null", tenant.id()))
                .isZero();
    }

    @Test
    void anotherTenantsRequestAndAnUnknownOneAnswer404() throws Exception {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "labels");
        UUID theirs = tenant.predict("fast", ServedTenant.samples(0, 1)).get(0);
        ApiClient demo = ApiClient.withKey(port, ApiClient.DEMO_API_KEY);

        ApiClient.Response foreign = demo.post(FEEDBACK, body(theirs, "0"));
        ApiClient.Response unknown = tenant.key().post(FEEDBACK, body(UUID.randomUUID(), "0"));
        ApiClient.Response anonymous =
                ApiClient.withKey(port, "ts_nokeyatall1_not-a-real-key-at-all").post(FEEDBACK, body(theirs, "0"));

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).contains("application/problem+json");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(count("select count(*) from feedback where request_id = ?", theirs))
                .isZero();
        assertThat(tenant.key().post(FEEDBACK, body(theirs, "0")).status()).isEqualTo(201);
    }

    @Test
    void changingOrAddingATierQueuesARecomputationOfTheCascadeWithAProfile() throws Exception {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "tierjobs");
        String tiers = "/api/tenants/" + tenant.name() + "/tiers";

        ApiClient.Response changed = tenant.admin()
                .put(
                        tiers + "/fast",
                        "{\"name\":\"fast\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.04,\"defaultTier\":true}");
        ApiClient.Response added = tenant.admin()
                .post(tiers, "{\"name\":\"within-2ms\",\"objective\":\"LATENCY_BUDGET\",\"latencyBudgetMs\":2.0}");

        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(added.status()).as(added.text()).isIn(200, 201);
        List<UUID> jobs = jdbc.queryForList(
                "select id from recomputation_jobs where tenant_id = ? and reason = 'TIER_CHANGED' order by created_at",
                UUID.class,
                tenant.id());
        assertThat(jobs).hasSize(2);
        assertThat(ServedTenant.awaitJob(jdbc, jobs.get(0))).isEqualTo("SUCCEEDED");
        assertThat(ServedTenant.awaitJob(jdbc, jobs.get(1))).isEqualTo("SUCCEEDED");
        // only tiers whose plan changed get a version: the changed tier and the added one, once each
        // (whichever job saw them first), and none for the untouched within-1ms
        assertThat(jdbc.queryForList(
                        "select t.name from policy_versions v join tiers t on t.id = v.tier_id"
                                + " where v.job_id in (?, ?) order by t.name",
                        String.class,
                        jobs.get(0),
                        jobs.get(1)))
                .containsExactly("fast", "within-2ms");
        assertThat(count(
                        "select count(*) from policy_versions v join tiers t on t.id = v.tier_id"
                                + " where v.job_id in (?, ?) and t.name = 'within-2ms' and v.status = 'ACTIVE'",
                        jobs.get(0),
                        jobs.get(1)))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from audit_events where tenant_id = ? and action = 'job.queued'"
                                + " and details->>'reason' = 'TIER_CHANGED'",
                        tenant.id()))
                .isEqualTo(2);
    }

    private static String body(UUID requestId, String label) {
        return "{\"requestId\":\"%s\",\"label\":%s}".formatted(requestId, label);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
