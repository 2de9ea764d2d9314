package io.tierserve.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What an adversarial probe of a running platform found, each a request that must now be refused cleanly. */
@ApiTest
class HardeningTests {

    private static final String PASSWORD = "a-long-enough-password";
    private static final String V1 = "/v1/cascades/fashion-mnist/predict";
    private static final String V2 = "/v2/models/fashion-mnist/infer";

    @LocalServerPort
    int port;

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
        assertThat(admin.get("/api/tenants/" + tenant + "/audit").text()).doesNotContain("api_key.created");
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
}
