package io.tierserve.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Sends every POST and PUT operation of the OpenAPI document a set of bad bodies, with valid
 * credentials: each must be refused (or accepted) with a status below 500 and never an HTML page.
 */
@ApiTest
class BadBodyFuzzTests {

    private static final List<byte[]> BAD_BODIES = badBodies();

    @LocalServerPort
    int port;

    private static List<byte[]> badBodies() {
        List<String> texts = new ArrayList<>(List.of(
                "",
                "{",
                "}",
                "null",
                "[]",
                "[null]",
                "123",
                "-1e999999",
                "\"text\"",
                "true",
                "{}",
                "{\"name\":null}",
                "{\"name\":123}",
                "{\"name\":\"a\",\"name\":\"b\"}",
                "{\"name\":\"a\\u0000b\",\"displayName\":\"\\ud800\"}",
                "{\"name\":\"ops/ci\",\"username\":\"it's\",\"password\":\"x\",\"role\":\"ADMIN\"}",
                "{\"inputs\":[null]}",
                "{\"inputs\":[{}],\"tier\":5}",
                "{\"tensor\":{\"shape\":[-1],\"data\":[1e39]}}",
                "{\"tensor\":{\"shape\":[1,28,28],\"data\":[NaN]}}",
                "{\"image\":\"%%%\"}",
                "{\"stages\":[null],\"labels\":[null]}",
                "{\"rateLimitPerSecond\":\"50\",\"quotaPerDay\":-1}",
                "{\"expiresAt\":\"-999999999-01-01T00:00:00Z\"}",
                "{\"requestId\":\"not-a-uuid\",\"label\":{}}",
                "{} trailing",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":" + "\"x\",".repeat(1) + "\"b\":\"" + "y".repeat(20_000) + "\"}"));
        List<byte[]> bodies = new ArrayList<>();
        texts.forEach(text -> bodies.add(text.getBytes(StandardCharsets.UTF_8)));
        bodies.add(new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        return bodies;
    }

    @Test
    void noBadBodyOnAnyPostOrPutEndpointAnswersA5xxOrHtml() throws Exception {
        String tenant = ApiClient.uniqueName("fuzz");
        ApiClient admin = ApiClient.asAdmin(port);
        assertThat(admin.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"F\"}".formatted(tenant))
                        .status())
                .isEqualTo(201);
        JsonNode paths = admin.get("/v3/api-docs").json().path("paths");
        assertThat(paths.size()).isGreaterThan(10);
        // a session, not Basic credentials: one bcrypt check instead of one per call
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=admin&password=" + ApiClient.ADMIN_PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(204);
        JsonNode session = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(http.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/session"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (String method : List.of("post", "put")) {
                if (!path.getValue().has(method)) {
                    continue;
                }
                String template = path.getKey();
                boolean publicApi = template.startsWith("/v1") || template.startsWith("/v2");
                String uri = template.replace("{tenant}", publicApi ? "demo" : tenant)
                        .replace("{cascade}", "fashion-mnist")
                        .replace("{name}", "fashion-mnist")
                        .replaceAll("\\{[^}]+}", "x");
                String header =
                        publicApi ? "Authorization" : session.path("csrfHeader").asString();
                String value = publicApi
                        ? "Bearer " + ApiClient.DEMO_API_KEY
                        : session.path("csrfToken").asString();
                for (byte[] body : BAD_BODIES) {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + uri))
                                    .header(header, value)
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "text/html,application/json;q=0.9")
                                    .method(
                                            method.toUpperCase(java.util.Locale.ROOT),
                                            HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    calls++;
                    String contentType =
                            response.headers().firstValue("Content-Type").orElse("");
                    if (response.statusCode() >= 500
                            || contentType.contains("html")
                            || response.body().contains("<html")) {
                        String shown = new String(body, StandardCharsets.UTF_8);
                        failures.add(method.toUpperCase(java.util.Locale.ROOT) + " " + uri + " "
                                + shown.substring(0, Math.min(80, shown.length())) + " -> " + response.statusCode()
                                + " " + contentType);
                    }
                }
            }
        }
        System.out.println("bad-body fuzz: " + calls + " calls");
        assertThat(calls).isGreaterThan(15 * BAD_BODIES.size());
        assertThat(failures).isEmpty();
    }
}
