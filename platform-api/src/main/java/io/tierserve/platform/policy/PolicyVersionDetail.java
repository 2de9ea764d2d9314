package io.tierserve.platform.policy;

import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One policy version with everything known about it.
 *
 * @param status the version's lifecycle ({@code PENDING_APPROVAL}, {@code ACTIVE}, {@code RETIRED}, …)
 * @param planStatus whether it keeps its tier's promise: {@code MET}, {@code CONSERVATIVE} or {@code FALLBACK}
 * @param family the policy family that serves it (null for a single-stage fallback)
 * @param reason why the plan status is what it is, in words
 * @param metrics everything the planner recorded: status, family, reason, promise, fit and held-out
 *     metrics with bounds ({@code fit}, {@code heldOut}), the paired gap to the best stage ({@code
 *     heldOutGap}), every family's best plan ({@code families}); the frontier is at {@code .../frontier}
 * @param policy the served rule: {@code {"mixProbability", "first", "second"?}} with policy documents
 */
record PolicyVersionDetail(
        UUID id,
        String tier,
        String deviceClass,
        int versionNumber,
        String status,
        String planStatus,
        String family,
        String reason,
        boolean recall,
        Double tradeoffWeight,
        Double expectedAccuracy,
        Double expectedCostMs,
        UUID profileId,
        UUID jobId,
        OffsetDateTime createdAt,
        OffsetDateTime activatedAt,
        JsonNode metrics,
        JsonNode policy) {}
