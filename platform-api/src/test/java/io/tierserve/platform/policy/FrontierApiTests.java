package io.tierserve.platform.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.ServedTenant;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.inference.InProcessWorker;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The frontier, a policy version's detail and a tier's status, as the recomputation job stored them:
 * a fresh tenant serving the demo CNN, its profile uploaded and recomputed by the in-process job.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontierApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CascadeService cascades;

    @Autowired
    InProcessWorker worker;

    private ServedTenant tenant;
    private String base;

    @BeforeAll
    void serveATenant() throws InterruptedException {
        tenant = ServedTenant.create(port, jdbc, cascades, worker, "frontier");
        base = "/api/tenants/" + tenant.name() + "/cascades/" + ServedTenant.CASCADE;
    }

    @Test
    void theJobStoresTheFrontierOfEveryFamilyAndTheGetReadsItWithTheTiersServedPoints() {
        ApiClient.Response response = tenant.admin().get(base + "/frontier?deviceClass=cpu");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode f = response.json();
        assertThat(f.path("deviceClass").asString()).isEqualTo("cpu");
        UUID job = UUID.fromString(f.path("jobId").asString());
        assertThat(jdbc.queryForObject(
                        "select count(*) from policy_versions where job_id = ? and status = 'ACTIVE'", Long.class, job))
                .isEqualTo(2);
        assertThat(f.path("heldOutSamples").asInt()).isEqualTo(5000);
        List<String> families = new ArrayList<>();
        for (JsonNode family : f.path("families")) {
            families.add(family.path("family").asString());
            assertThat(family.path("points").size()).as(family.toString()).isPositive();
            double previousLatency = -1;
            for (JsonNode p : family.path("points")) {
                double accuracy = p.path("accuracy").asDouble();
                assertThat(accuracy).isBetween(0.0, 1.0);
                assertThat(p.path("accuracyLow").asDouble()).isLessThanOrEqualTo(accuracy);
                assertThat(p.path("accuracyHigh").asDouble()).isGreaterThanOrEqualTo(accuracy);
                assertThat(p.path("meanLatencyMs").asDouble()).isPositive();
                // the hull is listed fastest first on the fit half
                assertThat(p.path("fitMeanLatencyMs").asDouble()).isGreaterThan(previousLatency);
                previousLatency = p.path("fitMeanLatencyMs").asDouble();
            }
        }
        assertThat(families).contains("RECALL", "NO_RECALL", "STAGE_THRESHOLDS", "MIX");
        List<String> stages = new ArrayList<>();
        for (JsonNode b : f.path("baselines")) {
            if (b.path("strategy").asString().equals("single-stage")) {
                stages.add(b.path("parameter").asString());
            }
        }
        assertThat(stages).hasSize(3);
        assertThat(f.path("baselines").findValuesAsString("strategy")).contains("oracle", "threshold");

        JsonNode fast = tier(f, "fast");
        assertThat(fast.path("promise").asString()).isEqualTo("accuracy at most 0.05 below the best stage");
        assertThat(fast.path("status").asString()).isIn("MET", "CONSERVATIVE", "FALLBACK");
        assertThat(fast.path("accuracyLow").asDouble())
                .isLessThanOrEqualTo(fast.path("accuracy").asDouble());
        UUID active = jdbc.queryForObject(
                "select v.id from policy_versions v join tiers t on t.id = v.tier_id and t.tenant_id = v.tenant_id"
                        + " where v.tenant_id = ? and t.name = 'fast' and v.status = 'ACTIVE'",
                UUID.class,
                tenant.id());
        assertThat(fast.path("versionId").asString()).isEqualTo(active.toString());
        JsonNode budget = tier(f, "within-1ms");
        assertThat(budget.path("promise").asString()).isEqualTo("mean latency at most 1 ms");
        assertThat(budget.path("meanLatencyHighMs").asDouble())
                .isGreaterThanOrEqualTo(budget.path("meanLatencyMs").asDouble());
    }

    @Test
    void theFrontierIsReadFromStorageNotComputedOnTheGet() {
        ApiClient admin = tenant.admin();
        String other = ApiClient.uniqueName("empty");
        assertThat(admin.post(
                                "/api/tenants/" + tenant.name() + "/cascades",
                                "{\"name\":\"%s\",\"stages\":[{\"name\":\"a\"},{\"name\":\"b\",\"parent\":\"a\"}]}"
                                        .formatted(other))
                        .status())
                .isEqualTo(201);

        ApiClient.Response none = admin.get("/api/tenants/" + tenant.name() + "/cascades/" + other + "/frontier");
        ApiClient.Response otherDevice = admin.get(base + "/frontier?deviceClass=gpu");

        assertThat(none.status()).isEqualTo(404);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().path("detail").asString()).contains("no frontier");
        assertThat(otherDevice.status()).isEqualTo(404);
    }

    @Test
    void aPolicyVersionShowsItsMetricsWithBoundsAndItsPolicyDocument() {
        JsonNode versions = tenant.admin().get(base + "/policy-versions").json();
        JsonNode fast = null;
        for (JsonNode v : versions) {
            if (v.path("tier").asString().equals("fast")
                    && v.path("status").asString().equals("ACTIVE")) {
                fast = v;
            }
        }
        assertThat(fast).isNotNull();
        assertThat(fast.path("planStatus").asString()).isIn("MET", "CONSERVATIVE", "FALLBACK");
        assertThat(fast.path("keepsPromise").isBoolean()).isTrue();

        ApiClient.Response response =
                tenant.admin().get(base + "/policy-versions/" + fast.path("id").asString());

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode v = response.json();
        assertThat(v.path("tier").asString()).isEqualTo("fast");
        assertThat(v.path("planStatus").asString())
                .isEqualTo(fast.path("planStatus").asString());
        assertThat(v.path("reason").asString()).isNotBlank();
        JsonNode metrics = v.path("metrics");
        assertThat(metrics.path("fit").path("accuracy").isNumber()).isTrue();
        assertThat(metrics.path("heldOut").path("accuracyLow").asDouble())
                .isLessThanOrEqualTo(metrics.path("heldOut").path("accuracy").asDouble());
        assertThat(metrics.path("heldOutGap").path("gapHigh").isNumber()).isTrue();
        assertThat(metrics.has("frontier")).isFalse();
        assertThat(v.path("policy").path("first").isObject()).isTrue();
        if (!"FALLBACK".equals(v.path("planStatus").asString())) {
            assertThat(v.path("family").asString()).isNotBlank();
        }

        ApiClient.Response unknown = tenant.admin().get(base + "/policy-versions/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTierShowsItsStatusPerCascadeAndWhetherItKeepsItsPromise() {
        JsonNode tiers = tenant.admin()
                .get("/api/tenants/" + tenant.name() + "/tiers")
                .json()
                .path("content");
        JsonNode fast = null;
        for (JsonNode t : tiers) {
            if (t.path("name").asString().equals("fast")) {
                fast = t;
            }
        }
        assertThat(fast).isNotNull();
        JsonNode serving = fast.path("serving");
        assertThat(serving.size()).isEqualTo(1);
        assertThat(serving.get(0).path("cascade").asString()).isEqualTo(ServedTenant.CASCADE);
        assertThat(serving.get(0).path("deviceClass").asString()).isEqualTo("cpu");
        assertThat(serving.get(0).path("status").asString()).isIn("MET", "CONSERVATIVE", "FALLBACK");
        assertThat(serving.get(0).path("keepsPromise").isBoolean()).isTrue();
        assertThat(tenant.admin()
                        .get("/api/tenants/" + tenant.name() + "/tiers/fast")
                        .json()
                        .path("serving")
                        .get(0)
                        .path("versionId")
                        .asString())
                .isEqualTo(serving.get(0).path("versionId").asString());
    }

    @Test
    void theDemoCascadeHasTheFrontierItsSeedingPlannedFromAndTheOpenApiDescribesTheEndpoints() {
        ApiClient admin = ApiClient.asAdmin(port);

        JsonNode demo =
                admin.get("/api/tenants/demo/cascades/fashion-mnist/frontier").json();
        JsonNode paths = admin.get("/v3/api-docs").json().path("paths");

        assertThat(demo.path("families").findValuesAsString("family")).contains("RECALL");
        assertThat(demo.path("tiers").findValuesAsString("tier")).contains("exact", "balanced", "fast");
        assertThat(paths.has("/api/tenants/{tenant}/cascades/{cascade}/frontier"))
                .isTrue();
        assertThat(paths.has("/api/tenants/{tenant}/cascades/{cascade}/policy-versions/{id}"))
                .isTrue();
    }

    private static JsonNode tier(JsonNode frontier, String name) {
        for (JsonNode t : frontier.path("tiers")) {
            if (t.path("tier").asString().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no tier " + name + " in " + frontier.path("tiers"));
    }
}
