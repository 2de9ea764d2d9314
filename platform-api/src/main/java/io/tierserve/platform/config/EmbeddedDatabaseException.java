package io.tierserve.platform.config;

/**
 * The embedded PostgreSQL cannot be started or kept running; the message says why and what to do,
 * in one line ({@link EmbeddedDatabaseFailureAnalyzer} prints it without a stack trace).
 */
public class EmbeddedDatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EmbeddedDatabaseException(String message) {
        super(message);
    }

    EmbeddedDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
