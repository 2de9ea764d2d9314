package io.tierserve.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class TenantIsolationTests {

    private static final String PASSWORD = "a-long-enough-password";
    private static final String TIER =
            "{\"name\":\"%s\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.02,\"defaultTier\":false}";

    @LocalServerPort
    int port;

    String tenantA;
    String tenantB;
    ApiClient adminOfA;
    ApiClient viewerOfA;

    @BeforeEach
    void twoTenantsWithUsers() {
        ApiClient platform = ApiClient.asAdmin(port);
        tenantA = ApiClient.uniqueName("iso-a");
        tenantB = ApiClient.uniqueName("iso-b");
        for (String tenant : new String[] {tenantA, tenantB}) {
            assertThat(platform.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"T\"}".formatted(tenant))
                            .status())
                    .isEqualTo(201);
            assertThat(platform.post("/api/tenants/" + tenant + "/tiers", TIER.formatted("gold"))
                            .status())
                    .isEqualTo(201);
            platform.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"k\"}");
        }
        String admin = tenantA + "-admin";
        String viewer = tenantA + "-viewer";
        assertThat(platform.post(
                                "/api/tenants/" + tenantA + "/users",
                                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"TENANT_ADMIN\"}"
                                        .formatted(admin, PASSWORD))
                        .status())
                .isEqualTo(201);
        platform.post(
                "/api/tenants/" + tenantA + "/users",
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"TENANT_VIEWER\"}".formatted(viewer, PASSWORD));
        adminOfA = ApiClient.as(port, tenantA + "/" + admin, PASSWORD);
        viewerOfA = ApiClient.as(port, tenantA + "/" + viewer, PASSWORD);
    }

    @Test
    void aTenantAdminReadsAndChangesItsOwnTenant() {
        assertThat(adminOfA.get("/api/tenants/" + tenantA + "/tiers").names("content"))
                .containsExactly("gold");
        assertThat(adminOfA.post("/api/tenants/" + tenantA + "/tiers", TIER.formatted("silver"))
                        .status())
                .isEqualTo(201);
        assertThat(adminOfA.post("/api/tenants/" + tenantA + "/api-keys", "{\"name\":\"own\"}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void everyResourceOfAnotherTenantAnswers404NeverA403() {
        for (String path : new String[] {
            "",
            "/tiers",
            "/tiers/gold",
            "/cascades",
            "/cascades/fashion-mnist/drift",
            "/api-keys",
            "/api-keys/k",
            "/users",
            "/audit",
            "/audit/verify"
        }) {
            ApiClient.Response response = adminOfA.get("/api/tenants/" + tenantB + path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(viewerOfA.get("/api/tenants/" + tenantB + path).status())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(adminOfA.post("/api/tenants/" + tenantB + "/tiers", TIER.formatted("stolen"))
                        .status())
                .isEqualTo(404);
        assertThat(viewerOfA
                        .post("/api/tenants/" + tenantB + "/tiers", TIER.formatted("stolen"))
                        .status())
                .isEqualTo(404);
        assertThat(adminOfA.delete("/api/tenants/" + tenantB + "/api-keys/k").status())
                .isEqualTo(404);
        assertThat(adminOfA.post("/api/tenants/" + tenantB + "/cascades/fashion-mnist/drift/check", "")
                        .status())
                .isEqualTo(404);
        assertThat(ApiClient.asAdmin(port)
                        .get("/api/tenants/" + tenantB + "/api-keys/k")
                        .json()
                        .path("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void anotherTenantNeverAppearsInLists() {
        ApiClient.Response tenants = adminOfA.get("/api/tenants?size=200");

        assertThat(tenants.names("content")).containsExactly(tenantA);
        assertThat(tenants.json().path("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void aViewerReadsButChangesNothing() {
        assertThat(viewerOfA.get("/api/tenants/" + tenantA + "/tiers").status()).isEqualTo(200);
        assertThat(viewerOfA
                        .post("/api/tenants/" + tenantA + "/tiers", TIER.formatted("nope"))
                        .status())
                .isEqualTo(403);
        assertThat(viewerOfA
                        .post("/api/tenants/" + tenantA + "/api-keys", "{\"name\":\"nope\"}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void tenantUsersCannotCreateTenantsOrReadPlatformOperations() {
        assertThat(adminOfA.post(
                                "/api/tenants",
                                "{\"name\":\"%s\",\"displayName\":\"X\"}".formatted(ApiClient.uniqueName("grab")))
                        .status())
                .isEqualTo(403);
        assertThat(adminOfA.delete("/api/tenants/" + tenantA).status()).isEqualTo(403);
        assertThat(adminOfA.get("/actuator/metrics").status()).isEqualTo(403);
    }
}
