package io.tierserve.policy.evaluation;

/**
 * What a rule achieved on a set of samples, with confidence bounds.
 *
 * <p>Bounds are two-sided 95 % intervals (Wilson score for accuracy, normal approximation for mean
 * latency), so each side alone holds at 97.5 %.
 *
 * @param samples number of samples replayed
 * @param accuracy share of correct answers (exact expectation over a mixture's coin)
 * @param meanLatencyMs mean simulated latency: the sum of the run stages' p50 latencies, the same
 *     per-stage cost the solvers optimise
 * @param p50LatencyMs nearest-rank percentiles of the simulated latency
 * @param answerShare per stage, the share of requests it answered
 * @param recallRate share of requests answered by an earlier stage than the last one run
 * @param meanStagesRun mean number of stages run per request
 */
public record Metrics(
        int samples,
        double accuracy,
        double accuracyLow,
        double accuracyHigh,
        double meanLatencyMs,
        double meanLatencyLowMs,
        double meanLatencyHighMs,
        double p50LatencyMs,
        double p95LatencyMs,
        double p99LatencyMs,
        double[] answerShare,
        double recallRate,
        double meanStagesRun) {

    /**
     * The replayed objective of docs/algorithms.md#the-cascade-model with the error rate as the
     * loss: {@code (1 − accuracy) + μ·latency}.
     */
    public double objective(double mu) {
        return (1 - accuracy) + mu * meanLatencyMs;
    }
}
