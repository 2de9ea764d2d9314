package io.tierserve.worker.execution;

/**
 * One stage that ran for a request.
 *
 * @param bin the confidence's bin in the policy's model, or -1 when the caller gave no bins
 * @param latencyNanos time inside the stage's model (for an early exit: from the parent's hidden state)
 */
public record StageTrace(int index, String stage, int prediction, double confidence, int bin, long latencyNanos) {}
