package io.tierserve.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health, readiness, metrics, the API description and the start page answer without logging in. */
@ApiTest
class OperationsTests {

    @LocalServerPort
    int port;

    @Test
    void healthAndReadinessAreUpWithoutCredentials() {
        ApiClient anonymous = ApiClient.as(port, null, null);

        assertThat(anonymous.get("/actuator/health").json().path("status").asString())
                .isEqualTo("UP");
        assertThat(anonymous
                        .get("/actuator/health/readiness")
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("UP");
    }

    @Test
    void prometheusScrapesHttpAndJvmMetrics() {
        ApiClient.asAdmin(port).get("/api/tenants");

        ApiClient.Response scrape =
                ApiClient.withKey(port, ApiClient.SCRAPE_TOKEN).get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.text()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds");
    }

    @Test
    void prometheusNamesTenantsSoOnlyTheScraperAndPlatformAdminsReadIt() {
        assertThat(ApiClient.as(port, null, null).get("/actuator/prometheus").status())
                .isEqualTo(401);
        assertThat(ApiClient.withKey(port, "not-the-token")
                        .get("/actuator/prometheus")
                        .status())
                .isEqualTo(401);
        assertThat(ApiClient.withKey(port, ApiClient.DEMO_API_KEY)
                        .get("/actuator/prometheus")
                        .status())
                .isEqualTo(401);
        assertThat(ApiClient.asAdmin(port).get("/actuator/prometheus").status()).isEqualTo(200);
        // the scraper's token opens nothing else
        assertThat(ApiClient.withKey(port, ApiClient.SCRAPE_TOKEN)
                        .get("/actuator/metrics")
                        .status())
                .isIn(401, 403);
        assertThat(ApiClient.withKey(port, ApiClient.SCRAPE_TOKEN)
                        .get("/api/tenants")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void openApiDescribesTheControlPlane() {
        ApiClient.Response docs = ApiClient.as(port, null, null).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/tenants/{tenant}/cascades"))
                .isTrue();
        assertThat(docs.json().path("components").path("securitySchemes").has("basic"))
                .isTrue();
    }
}
