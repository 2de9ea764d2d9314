package io.tierserve.worker.execution;

/** The request's input cannot be fed to the cascade; the caller's fault (a 400, never a 500). */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    static InvalidInputException of(String message) {
        return new InvalidInputException(message, null);
    }

    static InvalidInputException of(String message, Throwable cause) {
        return new InvalidInputException(message, cause);
    }
}
