package io.tierserve.worker.server;

/** A malformed request body (a 400). */
final class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
