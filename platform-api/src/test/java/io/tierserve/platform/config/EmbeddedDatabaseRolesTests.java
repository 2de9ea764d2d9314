package io.tierserve.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The embedded PostgreSQL's roles, on the real server: no connection without a password, the
 * superuser's password in a file of mode 600, the migrations run by the owner, the pool's role
 * neither superuser nor owner and bound by row-level security, and a data directory from before
 * (trusting local connections, tables owned by the superuser) converted at its next start.
 */
class EmbeddedDatabaseRolesTests {

    @TempDir
    Path temporary;

    Path dataDirectory;

    @BeforeEach
    void directories() {
        dataDirectory = temporary.resolve("postgres");
    }

    private EmbeddedDatabaseProperties properties() {
        return new EmbeddedDatabaseProperties(dataDirectory, 0, 0, Duration.ofSeconds(60), Duration.ofSeconds(30));
    }

    /** The platform's wiring: the embedded server, Flyway and the pool as the platform sets them up. */
    private ApplicationContextRunner platform() {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
                .withUserConfiguration(EmbeddedDatabaseConfiguration.class, ApplicationRoleGrants.class)
                .withPropertyValues(
                        "spring.datasource.url=",
                        "tierserve.database.embedded.data-directory=" + dataDirectory,
                        "tierserve.database.embedded.restarts=0");
    }

    private String superuserPassword() throws IOException {
        return Files.readString(EmbeddedDatabaseRoles.passwordFile(dataDirectory))
                .strip();
    }

    @Test
    void noConnectionWithoutItsPasswordAndTheSuperusersPasswordIsInAFileOfMode600() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(properties(), () -> {})) {
            String url = database.jdbcUrl();

            for (String role : List.of("postgres", "tierserve_owner", "tierserve_app")) {
                assertThatThrownBy(() ->
                                DriverManager.getConnection(url, role, null).close())
                        .as("%s without a password", role)
                        .isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> DriverManager.getConnection(url, role, "postgres")
                                .close())
                        .as("%s with a wrong password", role)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("password authentication failed");
            }
            Path file = database.passwordFile();
            assertThat(file).isEqualTo(temporary.resolve("postgres.password"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(query(
                            url,
                            "postgres",
                            superuserPassword(),
                            "select rolsuper from pg_roles where rolname = current_user"))
                    .containsExactly("t");
            assertThat(query(
                            url,
                            "postgres",
                            superuserPassword(),
                            "select count(*) from pg_hba_file_rules where auth_method = 'trust'"))
                    .containsExactly("0");
            assertThat(query(
                            url,
                            "postgres",
                            superuserPassword(),
                            "select distinct auth_method from pg_hba_file_rules where auth_method <> 'reject'"))
                    .containsExactly("scram-sha-256");
        }
    }

    @Test
    void theMigrationsRunAsTheOwnerAndThePoolsRoleIsBoundByRowLevelSecurity() throws Exception {
        platform().run(context -> {
            assertThat(context).hasNotFailed();
            EmbeddedDatabase database = context.getBean(EmbeddedDatabase.class);
            DataSource pool = context.getBean(DataSource.class);
            String url = database.jdbcUrl();
            String password = superuserPassword();

            assertThat(query(url, "postgres", password, "select distinct installed_by from flyway_schema_history"))
                    .containsExactly("tierserve_owner");
            assertThat(query(
                            url,
                            "postgres",
                            password,
                            "select distinct pg_get_userbyid(c.relowner) from pg_class c join pg_namespace n"
                                    + " on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'"))
                    .containsExactly("tierserve_owner");
            UUID mine = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            try (Connection connection = pool.getConnection();
                    Statement sql = connection.createStatement()) {
                assertThat(single(sql, "select current_user")).isEqualTo("tierserve_app");
                assertThat(single(
                                sql,
                                "select rolsuper or rolbypassrls or rolcreaterole or rolcreatedb"
                                        + " from pg_roles where rolname = current_user"))
                        .isEqualTo("f");
                sql.execute("insert into tenants (id, name, display_name) values ('" + mine + "', 'mine', 'M'), ('"
                        + other + "', 'other', 'O')");
                sql.execute("insert into cascades (tenant_id, id, name) values ('" + mine + "', '" + UUID.randomUUID()
                        + "', 'c'), ('" + other + "', '" + UUID.randomUUID() + "', 'c')");

                // bound to a tenant, the pool's role sees that tenant's rows only
                connection.setAutoCommit(false);
                sql.execute("select set_config('app.tenant_id', '" + mine + "', true)");
                assertThat(single(sql, "select count(*) from tenants")).isEqualTo("1");
                assertThat(single(sql, "select count(*) from cascades")).isEqualTo("1");
                assertThat(single(sql, "select string_agg(name, ',') from tenants"))
                        .isEqualTo("mine");
                connection.rollback();
                connection.setAutoCommit(true);

                // it may change no schema, lift no trigger, switch off no policy
                for (String forbidden : List.of(
                        "create table intruder (id int)",
                        "alter table audit_events disable trigger user",
                        "alter table tenants no force row level security",
                        "drop policy tenant_isolation on tenants",
                        "truncate usage_records")) {
                    assertThatThrownBy(() -> sql.execute(forbidden))
                            .as(forbidden)
                            .isInstanceOf(SQLException.class)
                            .satisfies(e ->
                                    assertThat(((SQLException) e).getSQLState()).isIn("42501", "42P01"));
                }
            }
            // the superuser, by contrast, bypasses the policies: the pool's role is what they bind
            try (Connection connection = DriverManager.getConnection(url, "postgres", password);
                    Statement sql = connection.createStatement()) {
                connection.setAutoCommit(false);
                sql.execute("select set_config('app.tenant_id', '" + mine + "', true)");
                assertThat(single(sql, "select count(*) from tenants")).isEqualTo("2");
                connection.rollback();
            }
        });
    }

    @Test
    void aDataDirectoryThatTrustedLocalConnectionsIsConvertedAtItsNextStartAndKeepsItsData() throws Exception {
        // what earlier versions made: initdb -A trust, migrated and used as the superuser
        UUID tenant = UUID.randomUUID();
        try (EmbeddedPostgres older = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start()) {
            String url = "jdbc:postgresql://localhost:" + older.getPort() + "/postgres";
            Flyway.configure()
                    .dataSource(url, "postgres", null)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            try (Connection connection = DriverManager.getConnection(url, "postgres", null);
                    Statement sql = connection.createStatement()) {
                sql.execute("insert into tenants (id, name, display_name) values ('" + tenant + "', 'old', 'Old')");
            }
        }
        assertThat(Files.readString(dataDirectory.resolve("pg_hba.conf"))).containsPattern("(?m)^host.*trust");

        platform().run(context -> {
            assertThat(context).hasNotFailed();
            String url = context.getBean(EmbeddedDatabase.class).jdbcUrl();
            assertThatThrownBy(() ->
                            DriverManager.getConnection(url, "postgres", null).close())
                    .isInstanceOf(SQLException.class);
            assertThat(Files.readString(dataDirectory.resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*trust");
            String password = superuserPassword();
            assertThat(query(
                            url,
                            "postgres",
                            password,
                            "select distinct pg_get_userbyid(c.relowner) from pg_class c join pg_namespace n"
                                    + " on n.oid = c.relnamespace where n.nspname = 'public'"
                                    + " and c.relkind in ('r', 'S', 'v', 'm')"))
                    .containsExactly("tierserve_owner");
            assertThat(query(
                            url,
                            "postgres",
                            password,
                            "select distinct pg_get_userbyid(p.proowner) from pg_proc p join pg_namespace n"
                                    + " on n.oid = p.pronamespace where n.nspname = 'public'"))
                    .containsExactly("tierserve_owner");
            try (Connection connection = context.getBean(DataSource.class).getConnection();
                    Statement sql = connection.createStatement()) {
                assertThat(single(sql, "select current_user")).isEqualTo("tierserve_app");
                assertThat(single(sql, "select name from tenants where id = '" + tenant + "'"))
                        .isEqualTo("old");
            }
        });

        // and the next start, with the same password file, finds nothing left to convert
        platform().run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aMissingPasswordFileIsNamedInsteadOfFailingToLogIn() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(properties(), () -> {})) {
            assertThat(database.passwordFile()).exists();
        }
        Files.delete(EmbeddedDatabaseRoles.passwordFile(dataDirectory));

        assertThatThrownBy(() -> EmbeddedDatabase.start(properties(), () -> {}).close())
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("postgres.password")
                .hasMessageContaining("is missing");
    }

    private static List<String> query(String url, String user, String password, String select) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement sql = connection.createStatement()) {
            List<String> values = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery(select)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    private static String single(Statement sql, String select) throws SQLException {
        try (ResultSet rows = sql.executeQuery(select)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
