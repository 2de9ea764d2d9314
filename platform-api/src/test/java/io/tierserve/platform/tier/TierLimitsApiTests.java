package io.tierserve.platform.tier;

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

/** A tier's own limits per second and per day: set by the tenant admin, audited, enforced per tier. */
@ApiTest
class TierLimitsApiTests {

    private static final String PASSWORD = "tier-limits-secret";
    private static final String TIER =
            "{\"name\":\"%s\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.02%s}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CascadeService cascades;

    @Autowired
    InProcessWorker worker;

    /** A tenant with tiers {@code std} (default) and {@code gold}, a tenant admin, a viewer and a key. */
    private String tenantWithKey(String tenant) {
        ApiClient admin = ApiClient.asAdmin(port);
        admin.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Tiered\"}".formatted(tenant));
        admin.post("/api/tenants/" + tenant + "/tiers", TIER.formatted("std", ",\"defaultTier\":true"));
        admin.post("/api/tenants/" + tenant + "/tiers", TIER.formatted("gold", ",\"priority\":9"));
        admin.post(
                "/api/tenants/" + tenant + "/users",
                "{\"username\":\"%s-admin\",\"password\":\"%s\",\"role\":\"TENANT_ADMIN\"}"
                        .formatted(tenant, PASSWORD));
        admin.post(
                "/api/tenants/" + tenant + "/users",
                "{\"username\":\"%s-viewer\",\"password\":\"%s\",\"role\":\"TENANT_VIEWER\"}"
                        .formatted(tenant, PASSWORD));
        return admin.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"app\"}")
                .json()
                .path("key")
                .asString();
    }

    private static ApiClient.Response predict(ServedTenant tenant, String tier) {
        return tenant.key()
                .header("X-Tolerance-Tier", tier)
                .post(
                        "/v1/cascades/" + ServedTenant.CASCADE + "/predict",
                        "{\"inputs\":[" + ServedTenant.samples(0, 1).get(0) + "]}");
    }

    @Test
    void withATierQuotaOfNPerDayRequestNPlusOneGets429AndAnotherTierIsUnaffected() throws InterruptedException {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "tierquota");

        ApiClient.Response set =
                tenant.admin().put("/api/tenants/" + tenant.name() + "/tiers/fast/limits", "{\"quotaPerDay\":3}");

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("quotaPerDay").asLong()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(predict(tenant, "fast").status()).isEqualTo(200);
        }
        ApiClient.Response refused = predict(tenant, "fast");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isPositive();
        assertThat(refused.json().path("detail").asString()).contains("tier's daily quota");
        for (int i = 0; i < 5; i++) {
            assertThat(predict(tenant, "within-1ms").status()).isEqualTo(200);
        }
    }

    @Test
    void limitsShowOnTheTierAndTheirChangeIsAuditedWithTheOldValues() {
        String tenant = ApiClient.uniqueName("tierlimits");
        tenantWithKey(tenant);
        ApiClient tenantAdmin = ApiClient.as(port, tenant + "/" + tenant + "-admin", PASSWORD);

        tenantAdmin.put(
                "/api/tenants/" + tenant + "/tiers/gold/limits", "{\"rateLimitPerSecond\":20,\"quotaPerDay\":5000}");

        ApiClient.Response tier = tenantAdmin.get("/api/tenants/" + tenant + "/tiers/gold");
        assertThat(tier.json().path("rateLimitPerSecond").asInt()).isEqualTo(20);
        assertThat(tier.json().path("quotaPerDay").asLong()).isEqualTo(5000);
        assertThat(tier.json().path("priority").asInt()).isEqualTo(9);
        assertThat(tenantAdmin
                        .get("/api/tenants/" + tenant + "/tiers/gold/limits")
                        .json()
                        .path("rateLimitPerSecond")
                        .asInt())
                .isEqualTo(20);
        ApiClient.Response events =
                tenantAdmin.get("/api/tenants/" + tenant + "/audit?action=tier.limits_changed&target=gold");
        assertThat(events.json().path("totalElements").asLong()).isEqualTo(1);
        tools.jackson.databind.JsonNode details =
                events.json().path("content").get(0).path("details");
        assertThat(details.isObject())
                .as("details is a JSON object, not its text")
                .isTrue();
        assertThat(details.path("quotaPerDay").asLong()).isEqualTo(5000);
        assertThat(details.path("previousQuotaPerDay").isNull()).isTrue();
    }

    @Test
    void invalidLimitsAre400AndViewersAndOtherTenantsMayNotSetThem() {
        String tenant = ApiClient.uniqueName("tierguard");
        String other = ApiClient.uniqueName("tierother");
        tenantWithKey(tenant);
        tenantWithKey(other);
        String path = "/api/tenants/" + tenant + "/tiers/std/limits";

        ApiClient.Response invalid = ApiClient.as(port, tenant + "/" + tenant + "-admin", PASSWORD)
                .put(path, "{\"rateLimitPerSecond\":0,\"quotaPerDay\":-5}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorFields()).contains("rateLimitPerSecond", "quotaPerDay");
        assertThat(ApiClient.as(port, tenant + "/" + tenant + "-viewer", PASSWORD)
                        .put(path, "{\"quotaPerDay\":1}")
                        .status())
                .isEqualTo(403);
        assertThat(ApiClient.as(port, other + "/" + other + "-admin", PASSWORD)
                        .put(path, "{\"quotaPerDay\":1}")
                        .status())
                .isEqualTo(404);
        assertThat(ApiClient.as(port, tenant + "/" + tenant + "-admin", PASSWORD)
                        .put("/api/tenants/" + tenant + "/tiers/nope/limits", "{\"quotaPerDay\":1}")
                        .status())
                .isEqualTo(404);
    }
}
