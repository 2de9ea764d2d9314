package io.tierserve.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.config.TenantPrincipal;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** The database's own wall: a query that forgets the tenant still sees only the bound tenant's rows. */
@ApiTest
class RowLevelSecurityTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    UUID tenantA;
    UUID tenantB;

    record Bound(UUID boundTenantId) implements TenantPrincipal {}

    @BeforeEach
    void twoTenantsWithTiers() {
        ApiClient platform = ApiClient.asAdmin(port);
        String a = ApiClient.uniqueName("rls-a");
        String b = ApiClient.uniqueName("rls-b");
        for (String tenant : List.of(a, b)) {
            platform.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"T\"}".formatted(tenant));
            platform.post(
                    "/api/tenants/" + tenant + "/tiers",
                    "{\"name\":\"gold\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.02}");
        }
        tenantA = jdbc.queryForObject("select id from tenants where name = ?", UUID.class, a);
        tenantB = jdbc.queryForObject("select id from tenants where name = ?", UUID.class, b);
    }

    private <T> T boundTo(UUID tenant, Supplier<T> work) {
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(new Bound(tenant), null, List.of()));
        try {
            return transactions.execute(status -> work.get());
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aTenantBoundTransactionSeesNoRowOfAnotherTenantEvenWithoutAWhereClause() {
        List<UUID> tierTenants =
                boundTo(tenantA, () -> jdbc.queryForList("select distinct tenant_id from tiers", UUID.class));
        List<UUID> tenants = boundTo(tenantA, () -> jdbc.queryForList("select id from tenants", UUID.class));
        Long keysOfB = boundTo(
                tenantA,
                () -> jdbc.queryForObject("select count(*) from tiers where tenant_id = ?", Long.class, tenantB));

        assertThat(tierTenants).containsExactly(tenantA);
        assertThat(tenants).containsExactly(tenantA);
        assertThat(keysOfB).isZero();
    }

    @Test
    void aTenantBoundTransactionCannotWriteIntoAnotherTenant() {
        assertThatThrownBy(() -> boundTo(
                        tenantA,
                        () -> jdbc.update(
                                "insert into cascades (tenant_id, id, name, description) values (?, ?, 'x', '')",
                                tenantB,
                                UUID.randomUUID())))
                .rootCause()
                .hasMessageContaining("row-level security");
        Integer changed = boundTo(
                tenantA, () -> jdbc.update("update tiers set description = 'hijacked' where tenant_id = ?", tenantB));
        assertThat(changed).isZero();
    }

    @Test
    void thePlatformAdminPathSeesEveryTenant() {
        List<UUID> tierTenants =
                transactions.execute(status -> jdbc.queryForList("select distinct tenant_id from tiers", UUID.class));

        assertThat(tierTenants).contains(tenantA, tenantB);
    }
}
