package io.tierserve.policy.execution;

/**
 * The per-request state of a {@link CascadePolicy}: reusable across requests, never shared
 * between threads, and allocation-free on every call.
 *
 * <p>Protocol per request: {@link #start(double)}; then loop {@code s = next(remaining)}, and
 * while {@code s != CascadePolicy.STOP} run stage {@code s} and {@link #reveal} its output;
 * finally {@link #answer()} names the stage whose output to return (recall: it may be an earlier
 * stage than the last one run).
 */
public interface CascadeWalk {

    /**
     * Begins a request.
     *
     * @param coin a uniform draw in [0, 1) that randomised mixtures of two policies use to pick
     *     one per request (deterministic policies ignore it)
     */
    void start(double coin);

    /**
     * The stage to run next, or {@link CascadePolicy#STOP}.
     *
     * @param remainingNanos time left before the request's deadline ({@link Long#MAX_VALUE} when
     *     there is none); a stage whose high-percentile latency does not fit is never started
     */
    int next(long remainingNanos);

    /** Reports the output of the stage just run: its predicted class and its confidence. */
    void reveal(int stage, int prediction, double confidence);

    /** The stage whose output answers the request, or {@link CascadePolicy#STOP} if none ran. */
    int answer();
}
