package io.tierserve.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class SecurityTests {

    @LocalServerPort
    int port;

    @Test
    void anonymousApiCallsGetA401ProblemDetail() {
        ApiClient.Response response = ApiClient.as(port, null, null).get("/api/tenants");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordGetsA401AndChangesNothing() {
        String name = ApiClient.uniqueName("intruder");

        ApiClient.Response response = ApiClient.as(port, "admin", "wrong")
                .post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"X\"}".formatted(name));

        assertThat(response.status()).isEqualTo(401);
        assertThat(ApiClient.asAdmin(port).get("/api/tenants/" + name).status()).isEqualTo(404);
    }

    @Test
    void pathsOutsideTheApiAndPublicOperationsNeedTheAdminOrAreDenied() {
        // /internal is the workers' surface: an admin's credentials are not the worker token
        assertThat(ApiClient.asAdmin(port).get("/internal").status()).isEqualTo(401);
        assertThat(ApiClient.as(port, null, null).get("/actuator/metrics").status())
                .isEqualTo(401);
        assertThat(ApiClient.asAdmin(port).get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(ApiClient.as(port, null, null).get("/internal").status()).isIn(401, 403);
    }

    @Test
    void theStartPageIsPublic() {
        ApiClient.Response page = ApiClient.as(port, null, null).get("/");

        assertThat(page.status()).isEqualTo(200);
    }
}
