package io.tierserve.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.audit.AuditLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class TenantApiTests {

    @LocalServerPort
    int port;

    @Autowired
    TenantService tenants;

    @Autowired
    AuditLog audit;

    ApiClient api;

    @BeforeEach
    void logIn() {
        api = ApiClient.asAdmin(port);
    }

    @Test
    void aTenantCanBeCreatedListedRenamedAndDeleted() {
        String name = ApiClient.uniqueName("acme");

        ApiClient.Response created =
                api.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Acme\"}".formatted(name));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("displayName").asString()).isEqualTo("Acme");

        ApiClient.Response page = api.get("/api/tenants?size=200");
        assertThat(page.names("content")).contains(name);

        String renamed = name + "-x";
        ApiClient.Response updated =
                api.put("/api/tenants/" + name, "{\"name\":\"%s\",\"displayName\":\"Acme Ltd\"}".formatted(renamed));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("displayName").asString()).isEqualTo("Acme Ltd");
        assertThat(api.get("/api/tenants/" + name).status()).isEqualTo(404);

        var id = tenants.idOf(renamed);
        assertThat(api.delete("/api/tenants/" + renamed).status()).isEqualTo(204);
        assertThat(api.get("/api/tenants/" + renamed).status()).isEqualTo(404);
        assertThat(audit.actionsOf(id))
                .containsExactly(
                        "tenant.created " + name + " by admin",
                        "tenant.updated " + renamed + " by admin",
                        "tenant.deleted " + renamed + " by admin");
    }

    @Test
    void listsArePagedInNameOrder() {
        for (int i = 0; i < 3; i++) {
            api.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"P\"}".formatted(ApiClient.uniqueName("page")));
        }

        ApiClient.Response first = api.get("/api/tenants?page=0&size=2");

        assertThat(first.json().path("content").size()).isEqualTo(2);
        assertThat(first.json().path("size").asInt()).isEqualTo(2);
        assertThat(first.json().path("totalElements").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(first.names("content")).isSorted();
    }

    @Test
    void aDuplicateNameIsAConflictNamingTheField() {
        String name = ApiClient.uniqueName("dup");
        api.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"One\"}".formatted(name));

        ApiClient.Response second =
                api.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Two\"}".formatted(name));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.errorFields()).containsExactly("name");
        assertThat(api.get("/api/tenants/" + name).json().path("displayName").asString())
                .isEqualTo("One");
    }

    @Test
    void invalidFieldsAreNamedInTheProblemDetail() {
        ApiClient.Response response = api.post("/api/tenants", "{\"name\":\"Not Valid!\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("name", "displayName");
    }

    @Test
    void malformedJsonIsABadRequestWithoutInternals() {
        ApiClient.Response response = api.post("/api/tenants", "{\"name\": \"x\",");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text())
                .doesNotContain("Exception")
                .doesNotContain("at io.")
                .doesNotContain("tools.jackson");
    }

    @Test
    void anUnknownTenantIsNotFound() {
        ApiClient.Response response = api.get("/api/tenants/no-such-tenant/cascades");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("detail").asString()).contains("no-such-tenant");
    }

    @Test
    void anOutOfRangePageSizeIsRefused() {
        ApiClient.Response response = api.get("/api/tenants?size=0");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("size");
    }
}
