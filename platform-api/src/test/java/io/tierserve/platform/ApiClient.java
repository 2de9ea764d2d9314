package io.tierserve.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a running platform over HTTP, as a script would, and never throws on error statuses. */
public final class ApiClient {

    public static final String ADMIN_PASSWORD = "test-admin-secret";

    /** The demo tenant's API key in tests ({@code tierserve.demo.api-key}). */
    public static final String DEMO_API_KEY = "ts_demotestkey1_only-for-tests-never-in-production";

    /** The Prometheus scraper's token in tests ({@code tierserve.metrics.scrape-token}). */
    public static final String SCRAPE_TOKEN = "scrape-token-only-for-tests";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    private final String authorization;
    private final java.util.Map<String, String> headers;

    private ApiClient(RestClient http, String authorization) {
        this(http, authorization, java.util.Map.of());
    }

    private ApiClient(RestClient http, String authorization, java.util.Map<String, String> headers) {
        this.http = http;
        this.authorization = authorization;
        this.headers = headers;
    }

    /** A client that calls with {@code Authorization: Bearer <key>}. */
    public static ApiClient withKey(int port, String key) {
        return new ApiClient(base(port), "Bearer " + key);
    }

    /** This client with one more header on every request. */
    public ApiClient header(String name, String value) {
        java.util.Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiClient(http, authorization, more);
    }

    /** This client, calling another instance (on {@code port}) with the same credentials. */
    public ApiClient withPort(int port) {
        return new ApiClient(base(port), authorization, headers);
    }

    /** A client logged in as the bootstrap admin. */
    public static ApiClient asAdmin(int port) {
        return new ApiClient(base(port), basic("admin", ADMIN_PASSWORD));
    }

    /** A client with the given credentials, or none when {@code username} is null. */
    public static ApiClient as(int port, String username, String password) {
        return new ApiClient(base(port), username == null ? null : basic(username, password));
    }

    /** A name no other test uses, so tests can share one database. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Response get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    public Response post(String path, String json) {
        return exchange(HttpMethod.POST, path, json);
    }

    public Response put(String path, String json) {
        return exchange(HttpMethod.PUT, path, json);
    }

    public Response delete(String path) {
        return exchange(HttpMethod.DELETE, path, null);
    }

    private Response exchange(HttpMethod method, String path, String json) {
        RestClient.RequestBodySpec request = http.method(method).uri(path);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        headers.forEach(request::header);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return request.exchange((req, response) -> {
            byte[] body = response.getBody().readAllBytes();
            String contentType = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
            boolean isJson = contentType != null && contentType.contains("json") && body.length > 0;
            JsonNode node = isJson ? JSON.readTree(body) : JSON.missingNode();
            return new Response(
                    response.getStatusCode().value(),
                    contentType,
                    node,
                    new String(body, StandardCharsets.UTF_8),
                    response.getHeaders());
        });
    }

    private static RestClient base(int port) {
        return RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    private static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** What came back: status, content type and the body as JSON (missing when empty). */
    public record Response(int status, String contentType, JsonNode json, String text, HttpHeaders headers) {

        /** The {@code name} of each item of the array {@code field} (for a page, {@code content}). */
        public java.util.List<String> names(String field) {
            java.util.List<String> names = new java.util.ArrayList<>();
            json.path(field).forEach(item -> names.add(item.path("name").asString()));
            return names;
        }

        /** The {@code field} names of a problem detail's {@code errors}. */
        public java.util.List<String> errorFields() {
            java.util.List<String> fields = new java.util.ArrayList<>();
            json.path("errors").forEach(error -> fields.add(error.path("field").asString()));
            return fields;
        }
    }
}
