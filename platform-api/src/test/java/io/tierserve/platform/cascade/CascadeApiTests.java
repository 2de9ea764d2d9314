package io.tierserve.platform.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.tenant.TenantService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class CascadeApiTests {

    private static final String LINE = """
            {"name":"mnist","description":"three exits","stages":[
              {"name":"exit-1"},
              {"name":"exit-2","parent":"exit-1"},
              {"name":"exit-3","parent":"exit-2"}]}""";

    @LocalServerPort
    int port;

    @Autowired
    TenantService tenants;

    @Autowired
    AuditLog audit;

    ApiClient api;
    String tenant;
    String cascades;

    @BeforeEach
    void tenant() {
        api = ApiClient.asAdmin(port);
        tenant = ApiClient.uniqueName("cascades");
        api.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"T\"}".formatted(tenant));
        cascades = "/api/tenants/" + tenant + "/cascades";
    }

    @Test
    void aCascadeRoundTripsWithItsStageGraph() {
        ApiClient.Response created = api.post(cascades, LINE);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.names("stages")).containsExactly("exit-1", "exit-2", "exit-3");
        assertThat(created.json().path("stages").get(2).path("parent").asString())
                .isEqualTo("exit-2");
        assertThat(api.get(cascades).names("content")).containsExactly("mnist");
    }

    @Test
    void anUpdateKeepsTheIdsOfStagesThatKeepTheirNames() {
        String exit1 =
                api.post(cascades, LINE).json().path("stages").get(0).path("id").asString();

        ApiClient.Response updated = api.put(cascades + "/mnist", """
                {"name":"mnist","stages":[
                  {"name":"exit-1","skipTo":["exit-3"]},
                  {"name":"exit-3","parent":"exit-4"},
                  {"name":"exit-4","parent":"exit-1"}]}""");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.names("stages")).containsExactly("exit-1", "exit-4", "exit-3");
        assertThat(updated.json().path("stages").get(0).path("id").asString()).isEqualTo(exit1);
        assertThat(updated.json().path("stages").get(0).path("skipTo").get(0).asString())
                .isEqualTo("exit-3");
        assertThat(api.get(cascades + "/mnist").json().path("stages").size()).isEqualTo(3);
    }

    @Test
    void aTreeWithTwoSpecialistsIsAccepted() {
        ApiClient.Response created = api.post(cascades, """
                {"name":"tree","stages":[
                  {"name":"shoes","parent":"cheap"},{"name":"cheap"},{"name":"shirts","parent":"cheap"}]}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.names("stages")).containsExactly("cheap", "shoes", "shirts");
    }

    @Test
    void aCycleIsRefusedAndChangesNothing() {
        api.post(cascades, LINE);
        var tenantId = tenants.idOf(tenant);
        int auditedBefore = audit.actionsOf(tenantId).size();

        ApiClient.Response response = api.put(cascades + "/mnist", """
                {"name":"mnist","stages":[
                  {"name":"exit-1","parent":"exit-3"},
                  {"name":"exit-2","parent":"exit-1"},
                  {"name":"exit-3","parent":"exit-2"}]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).contains("stages[0].parent");
        ApiClient.Response unchanged = api.get(cascades + "/mnist");
        assertThat(unchanged.json().path("stages").get(0).path("parent").isNull())
                .isTrue();
        assertThat(unchanged.json().path("description").asString()).isEqualTo("three exits");
        assertThat(audit.actionsOf(tenantId)).hasSize(auditedBefore);
    }

    @Test
    void aParentOutsideTheCascadeIsNamed() {
        api.post(cascades, LINE);

        ApiClient.Response response = api.post(cascades, """
                {"name":"other","stages":[{"name":"a"},{"name":"b","parent":"exit-2"}]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("stages[1].parent");
        assertThat(api.get(cascades + "/other").status()).isEqualTo(404);
    }

    @Test
    void duplicateStageNamesAndMissingStagesAreNamed() {
        ApiClient.Response duplicate =
                api.post(cascades, "{\"name\":\"d\",\"stages\":[{\"name\":\"a\"},{\"name\":\"a\"}]}");
        ApiClient.Response empty = api.post(cascades, "{\"name\":\"e\",\"stages\":[]}");
        ApiClient.Response badName = api.post(cascades, "{\"name\":\"f\",\"stages\":[{\"name\":\"A B\"}]}");
        ApiClient.Response nullStage = api.post(cascades, "{\"name\":\"g\",\"stages\":[{\"name\":\"a\"},null]}");

        assertThat(duplicate.errorFields()).containsExactly("stages[1].name");
        assertThat(empty.errorFields()).containsExactly("stages");
        assertThat(badName.errorFields()).containsExactly("stages[0].name");
        assertThat(nullStage.errorFields()).containsExactly("stages[1]");
    }

    @Test
    void aDuplicateCascadeNameIsAConflict() {
        api.post(cascades, LINE);

        ApiClient.Response second = api.post(cascades, LINE);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorFields()).containsExactly("name");
    }

    @Test
    void deletingACascadeRemovesItsStages() {
        api.post(cascades, LINE);

        assertThat(api.delete(cascades + "/mnist").status()).isEqualTo(204);

        assertThat(api.get(cascades + "/mnist").status()).isEqualTo(404);
        assertThat(api.get(cascades).json().path("totalElements").asLong()).isZero();
    }
}
