package io.tierserve.platform.policy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The held-out frontier of a cascade on one device class, as its newest recomputation computed and
 * stored it: every policy family the tiers were planned with (the fit-half hull of its rules, each
 * replayed on the held-out half), the baselines of the same held-out half, and the tiers' served
 * points (their active versions) with their promises.
 *
 * @param computedAt when the frontier was stored (with the versions of the same job)
 * @param jobId the recomputation job that computed it (null for the demo seeding)
 * @param fullCascadeLatencyMs held-out mean latency of running every stage of the deepest path
 */
record CascadeFrontier(
        String cascade,
        String deviceClass,
        OffsetDateTime computedAt,
        UUID jobId,
        UUID profileId,
        Integer fitSamples,
        Integer heldOutSamples,
        Double fullCascadeLatencyMs,
        List<Family> families,
        List<Baseline> baselines,
        List<ServedTier> tiers) {

    /** One policy family's frontier: its hull's rules, fastest first. */
    record Family(String family, String description, List<Point> points) {}

    /**
     * One rule on the held-out half.
     *
     * @param mu the trade-off weight it was fitted for (null for a family without one)
     * @param accuracy held-out accuracy, with its 95 % Wilson bounds {@code accuracyLow}/{@code accuracyHigh}
     * @param meanLatencyMs held-out mean latency (ms, sum of the run stages' p50s), with its 95 % bounds
     * @param fitAccuracy cross-fitted accuracy on the fit half, where the planner chose
     * @param fitMeanLatencyMs cross-fitted mean latency on the fit half
     */
    record Point(
            Double mu,
            Double accuracy,
            Double accuracyLow,
            Double accuracyHigh,
            Double meanLatencyMs,
            Double meanLatencyLowMs,
            Double meanLatencyHighMs,
            Double fitAccuracy,
            Double fitMeanLatencyMs) {}

    /**
     * A baseline on the same held-out half.
     *
     * @param strategy {@code threshold}, {@code patience}, {@code single-stage} or {@code oracle}
     * @param parameter its parameter ({@code theta=…}, {@code K=…}, {@code stage=…})
     */
    record Baseline(
            String strategy,
            String parameter,
            Double accuracy,
            Double accuracyLow,
            Double accuracyHigh,
            Double meanLatencyMs) {}

    /**
     * A tier's served point: its promise and its active version's held-out metrics with bounds.
     *
     * @param promise the promise in words ({@code "accuracy at most 0.01 below the best stage"}, {@code
     *     "mean latency at most 0.1 ms"})
     * @param status {@code MET}, {@code CONSERVATIVE} or {@code FALLBACK}
     * @param keepsPromise whether the held-out bound keeps the promise
     * @param accuracyLow lower 95 % bound of the held-out accuracy
     * @param meanLatencyHighMs upper bound of the held-out mean latency (a latency budget is checked on it)
     * @param gap for an accuracy tolerance: how much less accurate than the best stage on the same
     *     held-out samples; {@code gapHigh} its one-sided bound, checked against the tolerance
     */
    record ServedTier(
            String tier,
            String objective,
            Double accuracyTolerance,
            Double latencyBudgetMs,
            Double deadlineMs,
            String promise,
            UUID versionId,
            int versionNumber,
            String status,
            String family,
            Boolean keepsPromise,
            Double accuracy,
            Double accuracyLow,
            Double accuracyHigh,
            Double meanLatencyMs,
            Double meanLatencyHighMs,
            Double gap,
            Double gapHigh) {}
}
