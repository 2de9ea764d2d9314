package io.tierserve.platform.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class ApiKeyApiTests {

    @LocalServerPort
    int port;

    private String newTenant() {
        String tenant = ApiClient.uniqueName("keys");
        ApiClient.asAdmin(port).post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Keys\"}".formatted(tenant));
        return tenant;
    }

    private static final String PREDICT = "/v1/cascades/none/predict";

    @Test
    void aNewKeyIsShownOnceAndStoredOnlyAsPrefixAndHash() {
        String tenant = newTenant();
        ApiClient admin = ApiClient.asAdmin(port);

        ApiClient.Response created =
                admin.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"ci\",\"scopes\":[\"predict\"]}");

        assertThat(created.status()).isEqualTo(201);
        String key = created.json().path("key").asString();
        assertThat(key).startsWith("ts_" + created.json().path("prefix").asString() + "_");
        assertThat(key.length()).isGreaterThan(50);
        ApiClient.Response listed = admin.get("/api/tenants/" + tenant + "/api-keys");
        assertThat(listed.names("content")).containsExactly("ci");
        assertThat(listed.text()).doesNotContain(key.substring(16));
        assertThat(admin.get("/api/tenants/" + tenant + "/api-keys/ci").json().has("key"))
                .isFalse();
    }

    @Test
    void aKeyAuthenticatesUntilItIsRevokedAndThenFailsAtOnce() {
        String tenant = newTenant();
        ApiClient admin = ApiClient.asAdmin(port);
        String key = admin.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"app\"}")
                .json()
                .path("key")
                .asString();

        // authenticated: past security, the unknown cascade answers 404 (not 401)
        assertThat(ApiClient.withKey(port, key).post(PREDICT, "{}").status()).isNotEqualTo(401);
        assertThat(admin.get("/api/tenants/" + tenant + "/api-keys/app")
                        .json()
                        .path("lastUsedAt")
                        .isMissingNode())
                .isFalse();

        ApiClient.Response revoked = admin.delete("/api/tenants/" + tenant + "/api-keys/app");
        assertThat(revoked.json().path("active").asBoolean()).isFalse();

        ApiClient.Response refused = ApiClient.withKey(port, key).post(PREDICT, "{}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void missingMalformedAndForgedKeysAreRefusedWith401() {
        assertThat(ApiClient.as(port, null, null).post(PREDICT, "{}").status()).isEqualTo(401);
        assertThat(ApiClient.withKey(port, "nonsense").post(PREDICT, "{}").status())
                .isEqualTo(401);
        String forged = ApiClient.DEMO_API_KEY.substring(0, ApiClient.DEMO_API_KEY.length() - 3) + "xyz";
        assertThat(ApiClient.withKey(port, forged).post(PREDICT, "{}").status()).isEqualTo(401);
    }

    @Test
    void theConfiguredDemoKeyWorks() {
        assertThat(ApiClient.withKey(port, ApiClient.DEMO_API_KEY)
                        .post(PREDICT, "{}")
                        .status())
                .isNotEqualTo(401);
    }

    @Test
    void aKeyWithoutThePredictScopeMayNotPredict() {
        String tenant = newTenant();
        String key = ApiClient.asAdmin(port)
                .post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"reader\",\"scopes\":[\"admin:read\"]}")
                .json()
                .path("key")
                .asString();

        assertThat(ApiClient.withKey(port, key).post(PREDICT, "{}").status()).isEqualTo(403);
    }

    @Test
    void keyCreationAndRevocationAreAudited() {
        String tenant = newTenant();
        ApiClient admin = ApiClient.asAdmin(port);
        admin.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"audited\"}");
        admin.delete("/api/tenants/" + tenant + "/api-keys/audited");

        ApiClient.Response events = admin.get("/api/tenants/" + tenant + "/audit?target=audited");

        java.util.List<String> actions = new java.util.ArrayList<>();
        events.json()
                .path("content")
                .forEach(event -> actions.add(event.path("action").asString()));
        assertThat(actions).containsExactly("apikey.revoked", "apikey.created");
    }
}
