package io.tierserve.policy.service;

/** The processor lost a job's lease (it expired and another processor claimed the job): its work is discarded. */
public final class LeaseLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LeaseLostException(ClaimedJob job) {
        super("lease of job " + job.id() + " is no longer held by " + job.owner());
    }
}
