package io.tierserve.platform.usage;

/**
 * Usage of one (tier, cascade) in a time range.
 *
 * @param p50LatencyMs median latency of served requests, null when none was served
 * @param meanStagesRun mean number of stages run per served request
 */
public record UsageSummary(
        String tier,
        String cascade,
        long requests,
        long ok,
        long rateLimited,
        long errors,
        Double p50LatencyMs,
        Double p99LatencyMs,
        Double meanStagesRun,
        long recalled) {}
