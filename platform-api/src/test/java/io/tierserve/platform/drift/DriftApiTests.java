package io.tierserve.platform.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.ServedTenant;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.inference.InProcessWorker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Live traffic against the profile: like the profile no drift, blank images drift, recorded and audited once per window. */
@ApiTest
class DriftApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CascadeService cascades;

    @Autowired
    InProcessWorker worker;

    @Autowired
    LiveBinCounts counts;

    @Autowired
    ScheduledDriftChecks scheduled;

    @Test
    void trafficLikeTheProfileDoesNotDriftWhileBlankImagesDriftAndAreRecordedAndAuditedOncePerWindow()
            throws Exception {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "drift");
        String drift = "/api/tenants/" + tenant.name() + "/cascades/" + ServedTenant.CASCADE + "/drift";
        tenant.predict("fast", ServedTenant.samples(0, 200));

        ApiClient.Response calm = tenant.admin().post(drift + "/check", "");

        assertThat(calm.status()).as(calm.text()).isEqualTo(200);
        JsonNode calmFirst = stage(calm.json(), "fast", "exit1");
        System.out.println("drift: demo samples through 'fast', exit1 " + calmFirst);
        assertThat(calmFirst.path("liveCount").asLong()).isEqualTo(200);
        // the 200 committed test images: sampling noise alone is about (psi bins - 1) / 200
        assertThat(calmFirst.path("psi").asDouble()).isLessThan(0.2);
        assertThat(calmFirst.path("drifted").asBoolean()).isFalse();
        assertThat(calm.json().path("recorded").size()).isZero();
        assertThat(calmFirst.path("profileCount").asLong()).isEqualTo(10_000);
        // the replay: 'fast' never goes past exit1 on the profile, 'within-1ms' runs exit3 on
        // 7,293 of the 10,000 samples, and exit3's expectation is the bins of exactly those
        assertThat(stage(calm.json(), "fast", "exit2").path("profileCount").asLong())
                .isZero();
        assertThat(stage(calm.json(), "within-1ms", "exit3")
                        .path("profileCount")
                        .asLong())
                .isBetween(1L, 9_999L);

        tenant.predict("fast", ServedTenant.blank(200, 7));
        ApiClient.Response shifted = tenant.admin().post(drift + "/check", "");

        JsonNode first = stage(shifted.json(), "fast", "exit1");
        System.out.println("drift: + blank images through 'fast', exit1 " + first);
        assertThat(first.path("liveCount").asLong()).isEqualTo(400);
        assertThat(first.path("psi").asDouble()).isGreaterThan(0.2);
        assertThat(first.path("drifted").asBoolean()).isTrue();
        assertThat(shifted.json()
                        .path("recorded")
                        .valueStream()
                        .map(e -> e.path("tier").asString() + "/"
                                + e.path("stage").asString()))
                .contains("fast/exit1");
        assertThat(count(
                        "select count(*) from audit_events where tenant_id = ? and action = 'drift.detected'"
                                + " and details->>'stage' = 'exit1' and details->>'tier' = 'fast'",
                        tenant.id()))
                .isEqualTo(1);

        ApiClient.Response again = tenant.admin().post(drift + "/check", "");
        ApiClient.Response report = tenant.admin().get(drift + "?size=5");

        assertThat(again.json().path("recorded").size()).isZero();
        assertThat(count("select count(*) from drift_events where tenant_id = ?", tenant.id()))
                .isEqualTo(shifted.json().path("recorded").size());
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().path("events").path("totalElements").asLong())
                .isEqualTo(shifted.json().path("recorded").size());
        assertThat(report.json()
                        .path("events")
                        .path("content")
                        .get(0)
                        .path("psi")
                        .asDouble())
                .isGreaterThan(0.2);
        assertThat(tenant.admin()
                        .get("/api/tenants/" + tenant.name() + "/audit/verify")
                        .json()
                        .path("intact")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void belowTheMinimumLiveCountAStageHasNoPsi() throws Exception {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "few");
        String drift = "/api/tenants/" + tenant.name() + "/cascades/" + ServedTenant.CASCADE + "/drift";
        // one blank image: far from the profile, but one run is no measurement (min-samples is 200 here)
        tenant.predict("fast", ServedTenant.blank(1, 3));

        ApiClient.Response check = tenant.admin().post(drift + "/check", "");
        JsonNode first = stage(check.json(), "fast", "exit1");

        assertThat(check.status()).as(check.text()).isEqualTo(200);
        assertThat(first.path("liveCount").asLong()).isEqualTo(1);
        assertThat(first.path("psi").isNull()).as(first.toString()).isTrue();
        assertThat(first.path("drifted").asBoolean()).isFalse();
        assertThat(check.json().path("recorded").size()).isZero();
        assertThat(stage(tenant.admin().get(drift).json(), "fast", "exit1")
                        .path("psi")
                        .isNull())
                .isTrue();
    }

    @Test
    void theScheduledCheckRecordsDriftAsTheSystemAndDropsCountsPastRetention() throws Exception {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "scheduled");
        tenant.predict("fast", ServedTenant.blank(200, 11));
        counts.flushAll();
        jdbc.update(
                "insert into drift_bin_counts (tenant_id, policy_version_id, bucket_start, stage_index, bin, cascade_id,"
                        + " device_class, count) select tenant_id, policy_version_id, now() - interval '30 days',"
                        + " stage_index, bin, cascade_id, device_class, count from drift_bin_counts where tenant_id = ?",
                tenant.id());

        scheduled.checkAll();

        assertThat(jdbc.queryForList(
                        "select actor from audit_events where tenant_id = ? and action = 'drift.detected'",
                        String.class,
                        tenant.id()))
                .containsExactly("system");
        assertThat(count(
                        "select count(*) from drift_bin_counts where tenant_id = ? and bucket_start < now() - interval '7 days'",
                        tenant.id()))
                .isZero();
        assertThat(count(
                        "select coalesce(sum(count), 0) from drift_bin_counts where tenant_id = ? and stage_index = 0",
                        tenant.id()))
                .isEqualTo(200);
    }

    @Test
    void anotherTenantsCascadeAnswers404AndTheirUsersCannotCheckIt() {
        ApiClient admin = ApiClient.asAdmin(port);

        assertThat(admin.get("/api/tenants/demo/cascades/nope/drift").status()).isEqualTo(404);
        assertThat(admin.post("/api/tenants/nope-tenant/cascades/fashion-mnist/drift/check", "")
                        .status())
                .isEqualTo(404);
        // the demo key is predict-only: it authenticates on /api but may not read admin data
        assertThat(ApiClient.withKey(port, ApiClient.DEMO_API_KEY)
                        .get("/api/tenants/demo/cascades/fashion-mnist/drift")
                        .status())
                .isEqualTo(403);
    }

    private static JsonNode stage(JsonNode report, String tier, String stage) {
        return report.path("stages")
                .valueStream()
                .filter(s -> s.path("tier").asString().equals(tier)
                        && s.path("stage").asString().equals(stage))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + tier + "/" + stage + " in " + report));
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
