package io.tierserve.platform.worker;

/** A worker refused the request's input as not fitting the cascade: the caller's fault, not retried. */
public final class WorkerRejectedInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkerRejectedInputException(String message) {
        super(message);
    }
}
