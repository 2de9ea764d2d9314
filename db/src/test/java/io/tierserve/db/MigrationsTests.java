package io.tierserve.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Migrates an empty schema and checks that the database itself enforces the domain's rules. */
class MigrationsTests {

    private static TestDatabase.Connection database;
    private static MigrateResult migration;

    private final UUID tenant = UUID.randomUUID();
    private final UUID otherTenant = UUID.randomUUID();
    private final UUID cascade = UUID.randomUUID();
    private final UUID otherCascade = UUID.randomUUID();

    @BeforeAll
    static void migrate() {
        database = TestDatabase.freshSchema();
        migration = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .load()
                .migrate();
    }

    @BeforeEach
    void tenantsWithOneCascadeEach() throws SQLException {
        execute("insert into tenants (id, name, display_name) values ('%s', 't-%s', 'T')"
                .formatted(tenant, tenant.toString().substring(0, 8)));
        execute("insert into tenants (id, name, display_name) values ('%s', 't-%s', 'T')"
                .formatted(otherTenant, otherTenant.toString().substring(0, 8)));
        execute(cascadeRow(tenant, cascade, "c1"));
        execute(cascadeRow(tenant, otherCascade, "c2"));
    }

    @Test
    void everyMigrationAppliesToAnEmptySchema() {
        assertThat(migration.success).isTrue();
        assertThat(migration.migrationsExecuted).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aStageCannotHaveItsParentInAnotherCascade() throws SQLException {
        UUID root = UUID.randomUUID();
        execute(stageRow(tenant, UUID.randomUUID(), otherCascade, "root", 0, null));
        execute(stageRow(tenant, root, otherCascade, "r2", 1, null));

        // the parent check is deferred to commit, so run both in one transaction
        assertThatThrownBy(() -> executeInTransaction(stageRow(tenant, UUID.randomUUID(), cascade, "child", 0, root)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("foreign key");
    }

    @Test
    void aCascadeCannotBelongToAnotherTenantsStage() throws SQLException {
        assertThatThrownBy(() -> execute(stageRow(otherTenant, UUID.randomUUID(), cascade, "s", 0, null)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("foreign key");
    }

    @Test
    void aTierCarriesExactlyTheParameterOfItsObjective() {
        assertThatThrownBy(() -> execute(tierRow("both", "'ACCURACY_TOLERANCE'", "0.01", "5")))
                .hasMessageContaining("check constraint");
        assertThatThrownBy(() -> execute(tierRow("none", "'LATENCY_BUDGET'", "null", "null")))
                .hasMessageContaining("check constraint");
        assertThatThrownBy(() -> execute(tierRow("over", "'ACCURACY_TOLERANCE'", "1.5", "null")))
                .hasMessageContaining("check constraint");
    }

    @Test
    void aTenantHasAtMostOneDefaultTier() throws SQLException {
        execute(tierRow("exact", "'ACCURACY_TOLERANCE'", "0", "null").replace("false)", "true)"));

        assertThatThrownBy(() -> execute(
                        tierRow("fast", "'ACCURACY_TOLERANCE'", "0.05", "null").replace("false)", "true)")))
                .hasMessageContaining("tiers_default_idx");
    }

    @Test
    void namesAreLowerCaseLabels() {
        assertThatThrownBy(() -> execute(cascadeRow(tenant, UUID.randomUUID(), "Not A Label")))
                .hasMessageContaining("check constraint");
    }

    @Test
    void aRunningJobHoldsALease() {
        assertThatThrownBy(() -> execute("""
                        insert into recomputation_jobs (tenant_id, id, cascade_id, profile_id, status)
                        values ('%s', gen_random_uuid(), '%s', gen_random_uuid(), 'RUNNING')""".formatted(tenant, cascade))).isInstanceOf(SQLException.class);
    }

    @Test
    void deletingATenantRemovesItsCascadesAndStagesButKeepsItsAudit() throws SQLException {
        execute(stageRow(tenant, UUID.randomUUID(), cascade, "root", 0, null));
        execute(
                "insert into audit_events (tenant_id, actor, action, target_type) values ('%s', 'admin', 'tenant.deleted', 'tenant')"
                        .formatted(tenant));

        execute("delete from tenants where id = '%s'".formatted(tenant));

        assertThat(count("select count(*) from stages where tenant_id = '%s'".formatted(tenant)))
                .isZero();
        assertThat(count("select count(*) from audit_events where tenant_id = '%s'".formatted(tenant)))
                .isOne();
    }

    private String tierRow(String name, String kind, String tolerance, String budget) {
        return """
                insert into tiers (tenant_id, id, name, objective_kind, accuracy_tolerance, latency_budget_ms, default_tier)
                values ('%s', gen_random_uuid(), '%s', %s, %s, %s, false)""".formatted(tenant, name, kind, tolerance, budget);
    }

    private static String cascadeRow(UUID tenant, UUID id, String name) {
        return "insert into cascades (tenant_id, id, name) values ('%s', '%s', '%s')".formatted(tenant, id, name);
    }

    private static String stageRow(UUID tenant, UUID id, UUID cascade, String name, int position, UUID parent) {
        return "insert into stages (tenant_id, id, cascade_id, name, position, parent_stage_id) values ('%s', '%s', '%s', '%s', %d, %s)"
                .formatted(tenant, id, cascade, name, position, parent == null ? "null" : "'" + parent + "'");
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void userNamesAreUniquePerTenantAndAmongPlatformAccounts() throws SQLException {
        String name = "u-" + tenant.toString().substring(0, 8);
        execute(userRow(tenant, name));
        // the same name in another tenant, and as a platform account, is another user
        execute(userRow(otherTenant, name));
        execute(userRow(null, name));

        assertThatThrownBy(() -> execute(userRow(tenant, name)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("users_tenant_username_key");
        assertThatThrownBy(() -> execute(userRow(null, name)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("users_tenant_username_key");
    }

    private static String userRow(UUID tenantId, String username) {
        return "insert into users (id, tenant_id, username, password_hash) values ('%s', %s, '%s', '{noop}x')"
                .formatted(UUID.randomUUID(), tenantId == null ? "null" : "'" + tenantId + "'", username);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void executeInTransaction(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(sql);
            connection.commit();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
