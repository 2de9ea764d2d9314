package io.tierserve.platform.worker;

/** A worker did not answer (unreachable, timed out, or failed inside): the request may go to another. */
public final class WorkerFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkerFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
