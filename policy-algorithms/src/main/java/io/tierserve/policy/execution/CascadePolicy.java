package io.tierserve.policy.execution;

/**
 * A serving rule for one cascade: decides per request which stage runs next, when to stop and
 * which stage's output answers.
 *
 * <p>Implementations are immutable and thread-safe; the per-request state lives in a {@link
 * CascadeWalk}, which a caller allocates once per thread and reuses for every request.
 */
public interface CascadePolicy {

    /** Returned by {@link CascadeWalk#next(long)} when the walk stops. */
    int STOP = -1;

    /** Number of stages (stage indices are {@code 0 .. stageCount() - 1}). */
    int stageCount();

    /** A fresh, reusable walk; not thread-safe. */
    CascadeWalk newWalk();
}
