package io.tierserve.platform.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A key with the scope {@code admin:read} reads its own tenant under {@code /api}, and nothing more. */
@ApiTest
class AdminReadKeyTests {

    @LocalServerPort
    int port;

    private String tenantWithKey(String tenant, String scopes) {
        ApiClient admin = ApiClient.asAdmin(port);
        admin.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Read\"}".formatted(tenant));
        admin.post(
                "/api/tenants/" + tenant + "/tiers",
                "{\"name\":\"std\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.02,\"defaultTier\":true}");
        return admin.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"k\",\"scopes\":%s}".formatted(scopes))
                .json()
                .path("key")
                .asString();
    }

    @Test
    void aReadKeyReadsItsOwnTenantButChangesNothingAndSeesNoOtherTenant() {
        String tenant = ApiClient.uniqueName("reader");
        String other = ApiClient.uniqueName("unseen");
        ApiClient key = ApiClient.withKey(port, tenantWithKey(tenant, "[\"admin:read\"]"));
        tenantWithKey(other, "[\"predict\"]");

        ApiClient.Response tiers = key.get("/api/tenants/" + tenant + "/tiers");
        assertThat(tiers.status()).isEqualTo(200);
        assertThat(tiers.names("content")).containsExactly("std");
        assertThat(key.get("/api/tenants/" + tenant + "/audit").status()).isEqualTo(200);
        assertThat(key.get("/api/tenants/" + other + "/tiers").status()).isEqualTo(404);
        assertThat(key.get("/api/tenants/" + other).status()).isEqualTo(404);
        assertThat(key.put("/api/tenants/" + tenant + "/tiers/std/limits", "{\"quotaPerDay\":1}")
                        .status())
                .isEqualTo(403);
        assertThat(key.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"more\"}")
                        .status())
                .isEqualTo(403);
        assertThat(key.get("/api/tenants").status()).isEqualTo(403);
    }

    @Test
    void aPredictKeyReadsNothingAndAnUnknownKeyIs401() {
        String tenant = ApiClient.uniqueName("predonly");
        ApiClient key = ApiClient.withKey(port, tenantWithKey(tenant, "[\"predict\"]"));

        assertThat(key.get("/api/tenants/" + tenant + "/tiers").status()).isEqualTo(403);
        assertThat(ApiClient.withKey(port, "ts_unknownkey12_nothing-like-a-real-key")
                        .get("/api/tenants/" + tenant + "/tiers")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aRevokedReadKeyStopsReadingAtOnce() {
        String tenant = ApiClient.uniqueName("revread");
        ApiClient key = ApiClient.withKey(port, tenantWithKey(tenant, "[\"admin:read\",\"predict\"]"));
        assertThat(key.get("/api/tenants/" + tenant + "/tiers").status()).isEqualTo(200);

        ApiClient.asAdmin(port).delete("/api/tenants/" + tenant + "/api-keys/k");

        assertThat(key.get("/api/tenants/" + tenant + "/tiers").status()).isEqualTo(401);
    }
}
