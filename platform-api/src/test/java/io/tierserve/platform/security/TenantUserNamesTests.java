package io.tierserve.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * User names are scoped per tenant: two tenants may each have {@code alice}, each signs in to its
 * own tenant as {@code <tenant>/alice}, a tenant admin cannot tell whether a name exists in another
 * tenant, and no tenant user may be named like a platform account.
 */
@ApiTest
class TenantUserNamesTests {

    private static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    private String newTenant() {
        String tenant = ApiClient.uniqueName("names");
        assertThat(ApiClient.asAdmin(port)
                        .post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"N\"}".formatted(tenant))
                        .status())
                .isEqualTo(201);
        return tenant;
    }

    private static ApiClient.Response createUser(
            ApiClient as, String tenant, String name, String password, String role) {
        return as.post(
                "/api/tenants/" + tenant + "/users",
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"%s\"}".formatted(name, password, role));
    }

    @Test
    void twoTenantsEachHaveAliceAndEachAliceSignsInToItsOwnTenantOnly() {
        String first = newTenant();
        String second = newTenant();
        ApiClient platform = ApiClient.asAdmin(port);

        ApiClient.Response inFirst = createUser(platform, first, "alice", PASSWORD + "-1", "TENANT_ADMIN");
        ApiClient.Response inSecond = createUser(platform, second, "alice", PASSWORD + "-2", "TENANT_VIEWER");

        assertThat(inFirst.status()).as(inFirst.text()).isEqualTo(201);
        assertThat(inSecond.status()).as(inSecond.text()).isEqualTo(201);
        assertThat(inFirst.json().path("login").asString()).isEqualTo(first + "/alice");
        assertThat(inSecond.json().path("login").asString()).isEqualTo(second + "/alice");
        ApiClient aliceOfFirst = ApiClient.as(port, first + "/alice", PASSWORD + "-1");
        ApiClient aliceOfSecond = ApiClient.as(port, second + "/alice", PASSWORD + "-2");
        assertThat(aliceOfFirst.get("/api/tenants/" + first + "/tiers").status())
                .isEqualTo(200);
        assertThat(aliceOfFirst.get("/api/tenants/" + second + "/tiers").status())
                .isEqualTo(404);
        assertThat(aliceOfSecond.get("/api/tenants/" + second + "/tiers").status())
                .isEqualTo(200);
        assertThat(aliceOfSecond.get("/api/tenants/" + first + "/tiers").status())
                .isEqualTo(404);
        // each is who it signed in as: the first an admin (may create), the second a viewer (may not)
        assertThat(aliceOfFirst
                        .post("/api/tenants/" + first + "/api-keys", "{\"name\":\"mine\"}")
                        .status())
                .isEqualTo(201);
        assertThat(aliceOfSecond
                        .post("/api/tenants/" + second + "/api-keys", "{\"name\":\"mine\"}")
                        .status())
                .isEqualTo(403);
        // one alice's password does not open the other's account, and a plain name is no tenant user
        assertThat(ApiClient.as(port, second + "/alice", PASSWORD + "-1")
                        .get("/api/tenants/" + second + "/tiers")
                        .status())
                .isEqualTo(401);
        assertThat(ApiClient.as(port, "alice", PASSWORD + "-1")
                        .get("/api/tenants/" + first + "/tiers")
                        .status())
                .isEqualTo(401);
        // the audit trail names the signed-in user with its tenant
        assertThat(platform.get("/api/tenants/" + first + "/audit?action=apikey.created")
                        .json()
                        .path("content")
                        .path(0)
                        .path("actor")
                        .asString())
                .isEqualTo(first + "/alice");
    }

    @Test
    void aTenantAdminGetsTheSameAnswerWhetherANameExistsInAnotherTenantOrNowhere() {
        String other = newTenant();
        String mine = newTenant();
        ApiClient platform = ApiClient.asAdmin(port);
        assertThat(createUser(platform, other, "existing-elsewhere", PASSWORD, "TENANT_ADMIN")
                        .status())
                .isEqualTo(201);
        assertThat(createUser(platform, mine, "boss", PASSWORD, "TENANT_ADMIN").status())
                .isEqualTo(201);
        ApiClient admin = ApiClient.as(port, mine + "/boss", PASSWORD);

        ApiClient.Response existsElsewhere = createUser(admin, mine, "existing-elsewhere", PASSWORD, "TENANT_VIEWER");
        ApiClient.Response existsNowhere =
                createUser(admin, mine, ApiClient.uniqueName("nowhere"), PASSWORD, "TENANT_VIEWER");

        assertThat(existsElsewhere.status()).as(existsElsewhere.text()).isEqualTo(201);
        assertThat(existsNowhere.status()).as(existsNowhere.text()).isEqualTo(201);
        assertThat(fieldNames(existsElsewhere.json())).isEqualTo(fieldNames(existsNowhere.json()));
        assertThat(existsElsewhere.headers().getLocation())
                .hasToString("/api/tenants/" + mine + "/users/existing-elsewhere");
        // the other tenant's user is untouched, and listed only there
        assertThat(ApiClient.as(port, other + "/existing-elsewhere", PASSWORD)
                        .get("/api/tenants/" + other + "/tiers")
                        .status())
                .isEqualTo(200);
        // boss and the two just created
        assertThat(admin.get("/api/tenants/" + mine + "/users")
                        .json()
                        .path("totalElements")
                        .asLong())
                .isEqualTo(3);
        // within its own tenant a name is taken, ignoring case
        ApiClient.Response again = createUser(admin, mine, "existing-elsewhere", PASSWORD, "TENANT_VIEWER");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void aTenantUserNamedLikeAPlatformAccountIsRefusedInEveryTenant() {
        String tenant = newTenant();
        ApiClient platform = ApiClient.asAdmin(port);
        createUser(platform, tenant, "boss", PASSWORD, "TENANT_ADMIN");
        ApiClient admin = ApiClient.as(port, tenant + "/boss", PASSWORD);

        ApiClient.Response byTenantAdmin = createUser(admin, tenant, "admin", PASSWORD, "TENANT_ADMIN");
        ApiClient.Response byPlatformAdmin = createUser(platform, tenant, "admin", PASSWORD, "TENANT_ADMIN");
        ApiClient.Response upperCase = createUser(admin, tenant, "ADMIN", PASSWORD, "TENANT_ADMIN");

        for (ApiClient.Response refused : List.of(byTenantAdmin, byPlatformAdmin, upperCase)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.errorFields()).containsExactly("username");
        }
        assertThat(admin.get("/api/tenants/" + tenant + "/users")
                        .json()
                        .path("totalElements")
                        .asLong())
                .isEqualTo(1);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>(node.propertyNames());
        names.sort(null);
        return names;
    }
}
