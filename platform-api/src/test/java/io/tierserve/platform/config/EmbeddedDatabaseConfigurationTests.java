package io.tierserve.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The embedded database of the standalone mode: its data outlives a restart, and closing the context stops it. */
class EmbeddedDatabaseConfigurationTests {

    @TempDir
    Path dataDirectory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(EmbeddedDatabaseConfiguration.class)
                // an empty URL hides SPRING_DATASOURCE_URL, should the test run itself have one
                .withPropertyValues(
                        "spring.datasource.url=", "tierserve.database.embedded.data-directory=" + dataDirectory);
    }

    @Test
    void dataSurvivesARestartAndClosingStopsTheServer() {
        int[] port = new int[1];
        runner().run(context -> {
            port[0] = context.getBean(EmbeddedPostgres.class).getPort();
            execute(context.getBean(JdbcConnectionDetails.class), "create table kept (answer int)");
            execute(context.getBean(JdbcConnectionDetails.class), "insert into kept values (42)");
        });

        assertThatThrownBy(() -> DriverManager.getConnection(
                                "jdbc:postgresql://localhost:" + port[0] + "/postgres", "postgres", "postgres")
                        .close())
                .isInstanceOf(SQLException.class);

        runner().run(context -> {
            JdbcConnectionDetails details = context.getBean(JdbcConnectionDetails.class);
            try (Connection connection = DriverManager.getConnection(
                            details.getJdbcUrl(), details.getUsername(), details.getPassword());
                    Statement statement = connection.createStatement();
                    var rows = statement.executeQuery("select answer from kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        });
    }

    @Test
    void anExternalDatabaseUrlTurnsItOff() {
        runner().withPropertyValues("spring.datasource.url=jdbc:postgresql://db.invalid/x")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedPostgres.class));
    }

    private static void execute(JdbcConnectionDetails details, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        details.getJdbcUrl(), details.getUsername(), details.getPassword());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
