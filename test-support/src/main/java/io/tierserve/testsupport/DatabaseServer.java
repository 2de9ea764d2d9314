package io.tierserve.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Starts the server a {@link DatabaseMode} names and says how to reach its main database. */
final class DatabaseServer {

    private DatabaseServer() {}

    static TestDatabase.Connection start(DatabaseMode mode) {
        return switch (mode) {
            case EMBEDDED -> embedded();
            case EXTERNAL -> external();
            case TESTCONTAINERS -> testcontainers();
            case AUTO -> start(resolveAuto());
        };
    }

    static DatabaseMode resolveAuto() {
        if (externalUrl() != null) {
            return DatabaseMode.EXTERNAL;
        }
        return dockerAnswers() ? DatabaseMode.TESTCONTAINERS : DatabaseMode.EMBEDDED;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException ex) {
            return false;
        }
    }

    private static String externalUrl() {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        return url == null || url.isBlank() ? null : url;
    }

    private static TestDatabase.Connection embedded() {
        try {
            // Fast, not durable, on purpose: a test database is thrown away with its JVM, so it
            // skips fsync and waits for no WAL flush at commit (the platform's own embedded server
            // runs with both on). Stopped by the library's own JVM shutdown hook.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            return new TestDatabase.Connection(
                    DatabaseMode.EMBEDDED, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
        }
    }

    private static TestDatabase.Connection external() {
        String url = externalUrl();
        if (url == null) {
            throw new IllegalStateException(DatabaseMode.PROPERTY + "=external needs SPRING_DATASOURCE_URL");
        }
        return new TestDatabase.Connection(
                DatabaseMode.EXTERNAL,
                url,
                System.getenv("SPRING_DATASOURCE_USERNAME"),
                System.getenv("SPRING_DATASOURCE_PASSWORD"));
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    private static TestDatabase.Connection testcontainers() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new TestDatabase.Connection(
                DatabaseMode.TESTCONTAINERS, container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
}
