package io.tierserve.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an adversarial probe of a running platform found, each a request that must now be refused cleanly. */
@ApiTest
class HardeningTests {

    private static final String PASSWORD = "a-long-enough-password";
    private static final String V1 = "/v1/cascades/fashion-mnist/predict";
    private static final String V2 = "/v2/models/fashion-mnist/infer";

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private String newTenant() {
        String tenant = ApiClient.uniqueName("hard");
        assertThat(ApiClient.asAdmin(port)
                        .post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"H\"}".formatted(tenant))
                        .status())
                .isEqualTo(201);
        return tenant;
    }

    private ApiClient demoKey() {
        return ApiClient.withKey(port, ApiClient.DEMO_API_KEY);
    }

    // 1. one name rule, checked before anything is stored

    @ParameterizedTest
    @ValueSource(strings = {"ops/ci", "it's", "two words", "cr\\r\\nlf", "lone\\ud800", "UPPER", "-dash", "a.b"})
    void anApiKeyNameOutsideTheNameRuleIsRefusedAndNothingIsStored(String name) {
        String tenant = newTenant();
        ApiClient admin = ApiClient.asAdmin(port);

        ApiClient.Response created = admin.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"" + name + "\"}");

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.errorFields()).containsExactly("name");
        assertThat(admin.get("/api/tenants/" + tenant + "/api-keys")
                        .json()
                        .path("totalElements")
                        .asLong())
                .isZero();
        assertThat(admin.get("/api/tenants/" + tenant + "/audit").text()).doesNotContain("apikey.created");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "Admin", "ops/ci", "two words", "a@b.example"})
    void aUserNameOutsideTheNameRuleOrALookAlikeOfThePlatformAdminIsRefused(String name) {
        String tenant = newTenant();

        ApiClient.Response created = ApiClient.asAdmin(port)
                .post(
                        "/api/tenants/" + tenant + "/users",
                        "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"TENANT_ADMIN\"}"
                                .formatted(name, PASSWORD));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.errorFields()).containsExactly("username");
    }

    // 2. deleting or changing a user ends their sessions at once

    @ParameterizedTest
    @ValueSource(strings = {"delete", "role", "password"})
    void deletingOrChangingAUserEndsTheirSession(String change) throws Exception {
        String tenant = newTenant();
        String user = tenant + "-admin";
        ApiClient platform = ApiClient.asAdmin(port);
        assertThat(platform.post(
                                "/api/tenants/" + tenant + "/users",
                                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"TENANT_ADMIN\"}"
                                        .formatted(user, PASSWORD))
                        .status())
                .isEqualTo(201);
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        HttpResponse<String> login = browser.send(
                HttpRequest.newBuilder(uri("/api/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=" + tenant + "/" + user + "&password=" + PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(204);
        String keys = "/api/tenants/" + tenant + "/api-keys";
        assertThat(browser.send(HttpRequest.newBuilder(uri(keys)).GET().build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        JsonNode session = JsonMapper.builder()
                .build()
                .readTree(browser.send(
                                HttpRequest.newBuilder(uri("/api/session"))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());

        String users = "/api/tenants/" + tenant + "/users/" + user;
        int changed = switch (change) {
            case "delete" -> platform.delete(users).status();
            case "role" -> platform.put(users, "{\"role\":\"TENANT_VIEWER\"}").status();
            default ->
                platform.put(users, "{\"password\":\"another-long-password\"}").status();
        };
        assertThat(changed).isBetween(200, 204);

        HttpResponse<String> read =
                browser.send(HttpRequest.newBuilder(uri(keys)).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> create = browser.send(
                HttpRequest.newBuilder(uri(keys))
                        .header("Content-Type", "application/json")
                        .header(
                                session.path("csrfHeader").asString(),
                                session.path("csrfToken").asString())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"after\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(401);
        assertThat(create.statusCode()).isIn(401, 403);
        assertThat(platform.get(keys).json().path("totalElements").asLong()).isZero();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    // 12. failed logins are throttled per account; the platform's own audit trail is readable and verifiable

    @Test
    void repeatedWrongPasswordsMakeEvenTheRightOneWaitAndAddNoMoreAuditRows() {
        String tenant = newTenant();
        String user = tenant + "-guessed";
        ApiClient platform = ApiClient.asAdmin(port);
        platform.post(
                "/api/tenants/" + tenant + "/users",
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"TENANT_VIEWER\"}".formatted(user, PASSWORD));
        String tiers = "/api/tenants/" + tenant + "/tiers";
        String login = tenant + "/" + user;
        assertThat(ApiClient.as(port, login, PASSWORD).get(tiers).status()).isEqualTo(200);

        for (int i = 0; i < 10; i++) {
            assertThat(ApiClient.as(port, login, "wrong-" + i).get(tiers).status())
                    .isEqualTo(401);
        }
        ApiClient.Response throttled = ApiClient.as(port, login, PASSWORD).get(tiers);
        ApiClient.Response guessed = ApiClient.as(port, login, "wrong-again").get(tiers);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().getFirst("Retry-After")).isNotBlank();
        assertThat(guessed.status()).isEqualTo(429);
        ApiClient.Response failures = platform.get("/api/audit?action=auth.login_failed&target=" + login);
        assertThat(failures.status()).isEqualTo(200);
        assertThat(failures.json().path("totalElements").asLong()).isEqualTo(10);
    }

    @Test
    void thePlatformAuditTrailIsReadableAndVerifiableByPlatformAdminsOnly() {
        String tenant = newTenant();
        String admin = tenant + "-admin";
        ApiClient platform = ApiClient.asAdmin(port);
        platform.post(
                "/api/tenants/" + tenant + "/users",
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"TENANT_ADMIN\"}".formatted(admin, PASSWORD));
        // a failed login is an event of the platform's own chain, whatever ran before this test
        assertThat(ApiClient.as(port, tenant + "/" + admin, "wrong")
                        .get("/api/audit")
                        .status())
                .isEqualTo(401);

        ApiClient.Response verified = platform.get("/api/audit/verify");

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("intact").asBoolean()).isTrue();
        assertThat(verified.json().path("events").asLong()).isPositive();
        assertThat(ApiClient.as(port, tenant + "/" + admin, PASSWORD)
                        .get("/api/audit")
                        .status())
                .isEqualTo(403);
        assertThat(ApiClient.as(port, tenant + "/" + admin, PASSWORD)
                        .get("/api/audit/verify")
                        .status())
                .isEqualTo(403);
    }

    // 14. a chain cut short after a signed checkpoint is no longer intact

    @Test
    void deletingTheNewestEventsAfterACheckpointIsDetectedThoughTheHashChainStillLinks() {
        String tenant = newTenant();
        ApiClient platform = ApiClient.asAdmin(port);
        platform.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"one\"}");
        platform.post("/api/tenants/" + tenant + "/api-keys", "{\"name\":\"two\"}");
        assertThat(platform.post("/api/audit/checkpoints", "").status()).isEqualTo(204);
        assertThat(platform.get("/api/tenants/" + tenant + "/audit/verify")
                        .json()
                        .path("intact")
                        .asBoolean())
                .isTrue();
        java.util.UUID tenantId =
                jdbc.queryForObject("select id from tenants where name = ?", java.util.UUID.class, tenant);

        // what a database superuser can do: lift the append-only trigger and cut the chain short
        jdbc.execute("alter table audit_events disable trigger user");
        try {
            jdbc.update(
                    "delete from audit_events where id = (select max(id) from audit_events where tenant_id = ?)",
                    tenantId);
        } finally {
            jdbc.execute("alter table audit_events enable trigger user");
        }

        ApiClient.Response verified = platform.get("/api/tenants/" + tenant + "/audit/verify");
        assertThat(verified.json().path("firstBrokenEventId").isNull()).isTrue();
        assertThat(verified.json().path("intact").asBoolean()).isFalse();
        assertThat(verified.json().path("checkpointMismatch").asString()).contains("deleted or rewritten");
    }

    // 8. a null input is a 400, not a NullPointerException

    @Test
    void aNullInputInABatchIsA400OnV1AndV2() {
        ApiClient.Response v1 = demoKey().post(V1, "{\"inputs\":[null]}");
        assertThat(v1.status()).isEqualTo(400);
        assertThat(v1.contentType()).startsWith("application/problem+json");

        ApiClient.Response v2 = demoKey().post(V2, "{\"inputs\":[null]}");
        assertThat(v2.status()).isEqualTo(400);
        assertThat(v2.json().path("error").asString()).isNotEmpty();

        assertThat(demoKey().post(V1, "{\"inputs\":[{}]}").status()).isEqualTo(400);
        assertThat(demoKey()
                        .post(V2, "{\"inputs\":[{\"name\":\"input\",\"shape\":[1],\"datatype\":\"FP32\"}]}")
                        .status())
                .isEqualTo(400);
    }

    // 11. strict JSON, and every error a problem detail

    @Test
    void aNumberWhereAStringBelongsIsRefusedNotConverted() {
        ApiClient.Response created =
                ApiClient.asAdmin(port).post("/api/tenants", "{\"name\":1234567,\"displayName\":\"Numbers\"}");

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.errorFields()).containsExactly("name");
        assertThat(ApiClient.asAdmin(port).get("/api/tenants/1234567").status()).isEqualTo(404);
    }

    @Test
    void aStringWhereANumberBelongsIsRefusedNotConverted() {
        String tenant = newTenant();
        ApiClient.Response limits = ApiClient.asAdmin(port)
                .put("/api/tenants/" + tenant + "/limits", "{\"rateLimitPerSecond\":\"50\",\"quotaPerDay\":null}");

        assertThat(limits.status()).isEqualTo(400);
    }

    @Test
    void duplicateJsonKeysAreRefused() {
        String tenant = ApiClient.uniqueName("dup");
        ApiClient.Response created = ApiClient.asAdmin(port)
                .post(
                        "/api/tenants",
                        "{\"name\":\"%s\",\"name\":\"%s-other\",\"displayName\":\"D\"}".formatted(tenant, tenant));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.contentType()).startsWith("application/problem+json");
        assertThat(ApiClient.asAdmin(port)
                        .get("/api/tenants/" + tenant + "-other")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aV2TierParameterOfTheWrongTypeIsRefusedWithAnError() {
        ApiClient.Response refused = demoKey()
                .post(
                        V2,
                        "{\"parameters\":{\"tier\":5},\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,28,28],"
                                + "\"datatype\":\"FP32\",\"data\":[" + "0,".repeat(783) + "0]}]}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asString()).contains("tier");
    }

    @Test
    void v2ErrorsOutsideTheControllerCarryAnErrorFieldToo() {
        ApiClient.Response wrongMedia = ApiClient.withKey(port, ApiClient.DEMO_API_KEY)
                .header("Content-Type", "text/plain")
                .post(V2, null);
        assertThat(wrongMedia.status()).isEqualTo(415);
        assertThat(wrongMedia.json().path("error").asString()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /api/tenants/demo/api-keys/ops%2Fci HTTP/1.1",
                "GET /api/tenants/%ZZ HTTP/1.1",
                "GET /v2/models/a%00b HTTP/1.1",
                "GET /api/tenants/../../etc/passwd HTTP/1.1",
                "GET /api/tenants;jsessionid=x/demo HTTP/1.1"
            })
    void requestsRefusedBeforeAnyControllerAnswerWithAProblemDetailNotHtml(String requestLine) throws IOException {
        String response = raw(requestLine + "\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 4");
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).doesNotContainIgnoringCase("<html");
    }

    @Test
    void theErrorPageItselfIsAProblemDetail() throws IOException {
        String response =
                raw("GET /error HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).doesNotContainIgnoringCase("<html");
    }

    // 10. bad values are 400s before they reach the database, and a database refusal is told by its cause

    @Test
    void anApiKeyThatExpiredBeforeItWasMadeIsA400() {
        String tenant = newTenant();
        ApiClient.Response created = ApiClient.asAdmin(port)
                .post(
                        "/api/tenants/" + tenant + "/api-keys",
                        "{\"name\":\"old\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}");

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.errorFields()).containsExactly("expiresAt");
    }

    @Test
    void aNulCharacterInAStringIsA400AndNothingIsStored() {
        String tenant = ApiClient.uniqueName("nul");
        ApiClient.Response created = ApiClient.asAdmin(port)
                .post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"a\\u0000b\"}".formatted(tenant));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.errorFields()).containsExactly("displayName");
        assertThat(ApiClient.asAdmin(port).get("/api/tenants/" + tenant).status())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/audit?from=", "/audit?to=", "/usage?from=", "/usage?to="})
    void aTimeBeyondWhatTheDatabaseHoldsIsA400(String query) {
        ApiClient.Response response =
                ApiClient.asAdmin(port).get("/api/tenants/demo" + query + "-999999999-01-01T00:00:00Z");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    // 3. body limits count streamed bytes

    @ParameterizedTest
    @ValueSource(strings = {V1, V2, "/api/tenants"})
    void aChunkedBodyOverTheLimitIsRefusedWith413WhileItStreams(String path) throws Exception {
        String authorization = path.startsWith("/api")
                ? "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(("admin:" + ApiClient.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))
                : "Bearer " + ApiClient.DEMO_API_KEY;
        // just past the surface's limit (16 MiB on /v1 and /v2, 32 MiB on /api)
        long bodyBytes = (path.startsWith("/api") ? 33L : 17L) * 1024 * 1024;
        // a body that stays valid JSON as it grows, so only its size can stop it
        boolean tensor = path.equals(V2);
        String prefix = tensor
                ? "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,784],\"data\":["
                : path.equals(V1) ? "{\"image\":\"" : "{\"displayName\":\"";
        String filler = tensor ? "0," : "AA";

        String response = chunked(path, authorization, prefix, filler, bodyBytes);

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
    }

    // 5. a model output that is not a number is no answer

    @Test
    void extremeFiniteValuesThatOverflowTheModelAre422NotAnAnswer() {
        String data = "3.4e38,".repeat(783) + "3.4e38";

        ApiClient.Response response = demoKey().post(V1, "{\"tensor\":{\"shape\":[1,28,28],\"data\":[" + data + "]}}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().has("confidence")).isFalse();
    }

    private String chunked(String path, String authorization, String prefix, String filler, long bodyBytes)
            throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    byte[] chunk = (prefix + filler.repeat(32 * 1024)).getBytes(StandardCharsets.US_ASCII);
                    byte[] zeros = filler.repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII);
                    for (long sent = 0; sent < bodyBytes; ) {
                        byte[] next = sent == 0 ? chunk : zeros;
                        out.write((Integer.toHexString(next.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(next);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        sent += next.length;
                    }
                    out.flush();
                } catch (IOException closedByTheServer) {
                    // expected: the server answers and closes before the body ends
                }
            });
            writer.start();
            String response = readResponse(socket.getInputStream());
            // the writer stops at once when the socket is gone
            socket.shutdownOutput();
            writer.join(60_000);
            return response;
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // one HTTP/1.1 response: headers, then Content-Length bytes or chunks up to the last one (the
    // server may keep the connection open, so reading to its end would wait for its idle timeout)
    private static String readResponse(java.io.InputStream in) throws IOException {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return read.toString(StandardCharsets.UTF_8);
            }
            read.write(b);
        }
        String headers = read.toString(StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
        if (length.find()) {
            read.write(in.readNBytes(Integer.parseInt(length.group(1))));
        } else if (headers.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            while (!read.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                read.write(b);
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }
}
