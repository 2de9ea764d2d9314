package io.tierserve.testsupport;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The one PostgreSQL server of a test JVM, started on first use.
 *
 * <p>Every caller gets its own fresh schema on that server, so tests see an empty database in every
 * mode, also on a shared external server; schemas are dropped when the JVM exits.
 */
public final class TestDatabase {

    /** How to reach a database: a JDBC URL and credentials. */
    public record Connection(DatabaseMode mode, String jdbcUrl, String username, String password) {

        /** The same server with {@code schema} first on the search path. */
        Connection withSchema(String schema) {
            String separator = jdbcUrl.contains("?") ? "&" : "?";
            return new Connection(mode, jdbcUrl + separator + "currentSchema=" + schema, username, password);
        }

        @Override
        public String toString() {
            return mode + " " + jdbcUrl;
        }
    }

    private static Connection server;

    private TestDatabase() {}

    /** A new, empty schema on this JVM's server; its URL sets it as the current schema. */
    public static Connection freshSchema() {
        Connection server = server();
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "");
        execute(server, "create schema " + schema);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> dropQuietly(server, schema), "test-schema-drop-" + schema));
        return server.withSchema(schema);
    }

    /** The mode this JVM resolved to (AUTO resolved). */
    public static DatabaseMode mode() {
        return server().mode();
    }

    private static synchronized Connection server() {
        if (server == null) {
            server = DatabaseServer.start(DatabaseMode.configured());
        }
        return server;
    }

    private static void dropQuietly(Connection server, String schema) {
        // Only an external server outlives the JVM; the others vanish with it.
        if (server.mode() == DatabaseMode.EXTERNAL) {
            try {
                execute(server, "drop schema if exists " + schema + " cascade");
            } catch (IllegalStateException ex) {
                System.err.println(ex.getMessage());
            }
        }
    }

    private static void execute(Connection connection, String sql) {
        try (java.sql.Connection jdbc = DriverManager.getConnection(
                        connection.jdbcUrl(), connection.username(), connection.password());
                Statement statement = jdbc.createStatement()) {
            statement.execute(sql);
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + connection, ex);
        }
    }
}
