package io.tierserve.testsupport;

import java.util.Locale;

/**
 * Where the tests' PostgreSQL comes from.
 *
 * <p>Chosen once per JVM by the system property {@code tierserve.test.db} or the environment
 * variable {@code TIERSERVE_TEST_DB}; {@link #AUTO} when neither is set.
 */
public enum DatabaseMode {
    /** A real PostgreSQL 17 started from Maven-shipped binaries (no install, no Docker). */
    EMBEDDED,
    /** The server named by {@code SPRING_DATASOURCE_URL}, {@code _USERNAME} and {@code _PASSWORD}. */
    EXTERNAL,
    /** A {@code postgres:17-alpine} container; needs a Docker engine. */
    TESTCONTAINERS,
    /** External when {@code SPRING_DATASOURCE_URL} is set, else Testcontainers where Docker answers, else embedded. */
    AUTO;

    static final String PROPERTY = "tierserve.test.db";
    static final String ENVIRONMENT_VARIABLE = "TIERSERVE_TEST_DB";

    static DatabaseMode configured() {
        String value = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT_VARIABLE));
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new IllegalStateException(
                    PROPERTY + " must be one of embedded, external, testcontainers, auto; was '" + value + "'", ex);
        }
    }
}
