package io.tierserve.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestDatabaseTests {

    @AfterEach
    void clearSwitch() {
        System.clearProperty(DatabaseMode.PROPERTY);
    }

    @Test
    void eachFreshSchemaStartsEmptyAndIsolated() throws SQLException {
        TestDatabase.Connection first = TestDatabase.freshSchema();
        TestDatabase.Connection second = TestDatabase.freshSchema();
        execute(first, "create table only_here (id int)");

        assertThat(count(first, "select count(*) from information_schema.tables where table_schema = current_schema()"))
                .isOne();
        assertThat(count(
                        second, "select count(*) from information_schema.tables where table_schema = current_schema()"))
                .isZero();
    }

    @Test
    void theSwitchAcceptsTheFourModesInAnyCase() {
        System.setProperty(DatabaseMode.PROPERTY, "Embedded");
        assertThat(DatabaseMode.configured()).isEqualTo(DatabaseMode.EMBEDDED);

        System.setProperty(DatabaseMode.PROPERTY, "h2");
        assertThatThrownBy(DatabaseMode::configured).hasMessageContaining("embedded, external, testcontainers, auto");
    }

    private static void execute(TestDatabase.Connection database, String sql) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(TestDatabase.Connection database, String sql) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect(TestDatabase.Connection database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
