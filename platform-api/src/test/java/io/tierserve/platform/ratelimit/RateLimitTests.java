package io.tierserve.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class RateLimitTests {

    @LocalServerPort
    int port;

    /** A fresh tenant with one default tier and a key; its requests fail at the cascade (404) once admitted. */
    private String tenantWithKey(String tenant) {
        ApiClient admin = ApiClient.asAdmin(port);
        admin.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Limited\"}".formatted(tenant));
        admin.post(
                "/api/tenants/" + tenant + "/tiers",
                "{\"name\":\"std\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.02,\"defaultTier\":true}");
        return admin.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"app\"}")
                .json()
                .path("key")
                .asString();
    }

    @Test
    void aTenantOverItsDailyQuotaGets429WithRetryAfter() {
        String tenant = ApiClient.uniqueName("quota");
        String key = tenantWithKey(tenant);
        ApiClient.asAdmin(port).put("/api/tenants/" + tenant + "/limits", "{\"quotaPerDay\":3}");

        int admitted = 0;
        ApiClient.Response refused = null;
        for (int i = 0; i < 5; i++) {
            ApiClient.Response response =
                    ApiClient.withKey(port, key).post("/v1/cascades/none/predict", "{\"image\":\"x\"}");
            if (response.status() == 429) {
                refused = response;
            } else {
                admitted++;
            }
        }

        assertThat(admitted).isEqualTo(3);
        assertThat(refused).isNotNull();
        assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isPositive();
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void limitChangesAreAuditedAndOtherTenantsAreUnaffected() {
        String limited = ApiClient.uniqueName("lim");
        String free = ApiClient.uniqueName("free");
        tenantWithKey(limited);
        String freeKey = tenantWithKey(free);
        ApiClient.asAdmin(port).put("/api/tenants/" + limited + "/limits", "{\"quotaPerDay\":1}");

        for (int i = 0; i < 3; i++) {
            assertThat(ApiClient.withKey(port, freeKey)
                            .post("/v1/cascades/none/predict", "{\"image\":\"x\"}")
                            .status())
                    .isNotEqualTo(429);
        }
        assertThat(ApiClient.asAdmin(port)
                        .get("/api/tenants/" + limited + "/audit?action=tenant.limits_changed")
                        .json()
                        .path("totalElements")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aTiersOwnLimitPerSecondRefusesTheExcessOfABurst() {
        String tenant = ApiClient.uniqueName("tierlim");
        String key = tenantWithKey(tenant);
        ApiClient admin = ApiClient.asAdmin(port);
        admin.put(
                "/api/tenants/" + tenant + "/tiers/std",
                "{\"name\":\"std\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.02,"
                        + "\"defaultTier\":true,\"rateLimitPerSecond\":1}");

        int refused = 0;
        // six requests span at most a few one-second windows, each admitting one
        for (int i = 0; i < 6; i++) {
            if (ApiClient.withKey(port, key)
                            .post("/v1/cascades/none/predict", "{\"image\":\"x\"}")
                            .status()
                    == 429) {
                refused++;
            }
        }

        assertThat(refused).isPositive();
    }
}
