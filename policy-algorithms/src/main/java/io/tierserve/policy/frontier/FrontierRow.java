package io.tierserve.policy.frontier;

/**
 * One policy's point on the held-out frontier.
 *
 * @param strategy {@code recall-optimal}, {@code no-recall-optimal}, {@code threshold}, {@code
 *     patience}, {@code single-stage} or {@code oracle}
 * @param parameter the strategy's parameter ({@code mu=…}, {@code theta=…}, {@code K=…}, {@code
 *     stage=…})
 * @param latencyRatio mean latency divided by the full cascade's (every stage of the path run)
 * @param predictedObjective the solver's predicted {@code E[loss] + μ·E[cost]}; NaN for heuristics
 * @param replayedObjective the held-out {@code error rate + μ·mean latency}; NaN for heuristics
 */
public record FrontierRow(
        String strategy,
        String parameter,
        double accuracy,
        double accuracyLow,
        double accuracyHigh,
        double meanLatencyMs,
        double p99LatencyMs,
        double latencyRatio,
        double recallRate,
        double predictedObjective,
        double replayedObjective) {}
