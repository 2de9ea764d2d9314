package io.tierserve.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The browser's way in: a session from the login form, and a CSRF token on every change. */
@ApiTest
class SessionLoginTests {

    @LocalServerPort
    int port;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser =
            HttpClient.newBuilder().cookieHandler(cookies).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Test
    void aSessionChangesNothingWithoutTheCsrfTokenAndEverythingWithIt() throws Exception {
        String tenant = ApiClient.uniqueName("browser");
        ApiClient.asAdmin(port).post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"B\"}".formatted(tenant));
        String tier = "{\"name\":\"%s\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.02}";

        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/api/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + ApiClient.ADMIN_PASSWORD)));
        assertThat(login.statusCode()).isEqualTo(204);

        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/api/tenants/" + tenant + "/tiers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tier.formatted("forged"))));
        assertThat(forged.statusCode()).isEqualTo(403);

        JsonNode session = JsonMapper.builder()
                .build()
                .readTree(
                        send(HttpRequest.newBuilder(uri("/api/session")).GET()).body());
        assertThat(session.path("authenticated").asBoolean()).isTrue();
        assertThat(session.path("username").asString()).isEqualTo("admin");
        HttpResponse<String> genuine = send(HttpRequest.newBuilder(uri("/api/tenants/" + tenant + "/tiers"))
                .header("Content-Type", "application/json")
                .header(
                        session.path("csrfHeader").asString(),
                        session.path("csrfToken").asString())
                .POST(HttpRequest.BodyPublishers.ofString(tier.formatted("genuine"))));
        assertThat(genuine.statusCode()).isEqualTo(201);
    }

    @Test
    void aWrongPasswordOnTheLoginFormIsA401ProblemDetail() throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/api/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=wrong")));

        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}
