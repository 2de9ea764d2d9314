package io.tierserve.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@ApiTest
class AuditTrailTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    String tenant;
    ApiClient admin;

    @BeforeEach
    void aTenantWithSomeHistory() {
        admin = ApiClient.asAdmin(port);
        tenant = ApiClient.uniqueName("audit");
        admin.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Audited\"}".formatted(tenant));
        for (String tier : List.of("one", "two", "three")) {
            admin.post(
                    "/api/tenants/" + tenant + "/tiers",
                    "{\"name\":\"%s\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.02}"
                            .formatted(tier));
        }
    }

    private List<String> actions(ApiClient.Response page) {
        List<String> actions = new ArrayList<>();
        page.json()
                .path("content")
                .forEach(event -> actions.add(event.path("action").asString()));
        return actions;
    }

    @Test
    void anUntouchedChainVerifies() {
        ApiClient.Response verification = admin.get("/api/tenants/" + tenant + "/audit/verify");

        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.json().path("intact").asBoolean()).isTrue();
        assertThat(verification.json().path("events").asLong()).isEqualTo(4);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnEvent() {
        assertThatThrownBy(() ->
                        jdbc.update("update audit_events set actor = 'someone-else' where target_name = ?", tenant))
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_events where target_name = ?", tenant))
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void aTamperedEventMakesVerifyFailAndNameIt() {
        Long second = jdbc.queryForObject(
                "select id from audit_events where tenant_id = (select id from tenants where name = ?)"
                        + " and target_name = 'two'",
                Long.class,
                tenant);
        // an attacker with owner rights switches the guard off for a moment
        transactions.executeWithoutResult(status -> {
            jdbc.execute("alter table audit_events disable trigger audit_events_append_only");
            jdbc.update("update audit_events set actor = 'nobody' where id = ?", second);
            jdbc.execute("alter table audit_events enable trigger audit_events_append_only");
        });

        ApiClient.Response verification = admin.get("/api/tenants/" + tenant + "/audit/verify");

        assertThat(verification.json().path("intact").asBoolean()).isFalse();
        assertThat(verification.json().path("firstBrokenEventId").asLong()).isEqualTo(second);
    }

    @Test
    void anEventsDetailsAreAJsonObjectInTheQueryAndItsTextInTheExport() {
        ApiClient.Response page = admin.get("/api/tenants/" + tenant + "/audit?action=tier.created&target=two");

        tools.jackson.databind.JsonNode details =
                page.json().path("content").get(0).path("details");
        assertThat(details.isObject()).as(page.text()).isTrue();
        assertThat(details.properties()).isNotEmpty();
        String csv = admin.get("/api/tenants/" + tenant + "/audit/export?action=tier.created&target=two")
                .text();
        assertThat(csv).contains(details.toString().replace("\"", "\"\""));
    }

    @Test
    void queriesFilterByActionTargetActorAndTimeAndPage() {
        String base = "/api/tenants/" + tenant + "/audit";

        assertThat(actions(admin.get(base + "?action=tier.created"))).hasSize(3);
        assertThat(actions(admin.get(base + "?target=two"))).containsExactly("tier.created");
        assertThat(actions(admin.get(base + "?actor=admin&size=2"))).hasSize(2);
        assertThat(admin.get(base + "?actor=admin&size=2")
                        .json()
                        .path("totalElements")
                        .asLong())
                .isEqualTo(4);
        assertThat(actions(admin.get(base + "?actor=nobody"))).isEmpty();
        assertThat(actions(admin.get(base + "?from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void theExportIsCsvWithOneLinePerEvent() {
        ApiClient.Response csv = admin.get("/api/tenants/" + tenant + "/audit/export?action=tier.created");

        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.text().strip().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("id,occurred_at,actor,action");
        assertThat(lines[1]).contains("\"tier.created\"").contains("\"one\"");
    }

    @Test
    void aFailedLoginIsAudited() {
        String who = ApiClient.uniqueName("guesser");
        ApiClient.as(port, who, "wrong-password").get("/api/tenants");

        Long failures = jdbc.queryForObject(
                "select count(*) from audit_events where action = 'auth.login_failed' and target_name = ?"
                        + " and actor = 'anonymous' and tenant_id is null",
                Long.class,
                who);
        assertThat(failures).isEqualTo(1);
    }
}
