package io.tierserve.policy.service;

/** The job store (PostgreSQL) failed or refused an operation. */
public final class JobStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JobStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    JobStoreException(String message) {
        super(message);
    }
}
