package io.tierserve.platform.policy;

import java.util.UUID;

/**
 * A policy computed for one tier, ready to be stored as a version.
 *
 * @param status {@code MET} or {@code CONSERVATIVE} (policy-service's tier resolution), or {@code
 *     FALLBACK} when no recall policy kept the promise and a single stage is served instead
 * @param mu the served recall policy's trade-off weight; {@code null} for a fallback
 * @param tables the served rule: {@code {"mixProbability", "first", "second"?}} with policy documents
 * @param metrics status, reason, promise and fit / held-out metrics with bounds (JSON object)
 * @param expectedCostMs held-out mean latency (sum of the run stages' p50s)
 * @param expectedAccuracy held-out accuracy
 */
public record PlannedPolicy(
        UUID tierId,
        String tierName,
        String status,
        String reason,
        boolean recall,
        Double mu,
        String tables,
        String metrics,
        double expectedCostMs,
        double expectedAccuracy) {}
