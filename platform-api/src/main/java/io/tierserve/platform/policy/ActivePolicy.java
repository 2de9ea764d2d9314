package io.tierserve.platform.policy;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.model.ConfidenceBins;
import java.util.List;
import java.util.UUID;

/**
 * The policy version that serves (cascade, tier, device class) now, ready to execute.
 *
 * @param policy the served rule (a {@code MixedPolicy} when the tier mixes two); immutable and
 *     shareable, each request takes its own walk
 * @param bins the first document's confidence bins, to report each stage's bin; may be null
 * @param stageIds the stage ids the documents were computed for, in policy order; may be empty
 * @param status {@code MET}, {@code CONSERVATIVE} or {@code FALLBACK}
 * @param tierDeadlineMs the tier's per-request deadline, or null
 */
public record ActivePolicy(
        UUID versionId,
        int versionNumber,
        UUID cascadeId,
        String tierName,
        Double tierDeadlineMs,
        CascadePolicy policy,
        ConfidenceBins bins,
        List<String> stageIds,
        String status) {

    /** Version {@code versionNumber} of a cascade's tier, executing {@code plan}. */
    public static ActivePolicy of(
            UUID versionId,
            int versionNumber,
            UUID cascadeId,
            String tierName,
            Double tierDeadlineMs,
            PolicyPlan plan) {
        return new ActivePolicy(
                versionId,
                versionNumber,
                cascadeId,
                tierName,
                tierDeadlineMs,
                plan.policy(),
                plan.bins(),
                plan.stageIds(),
                plan.status());
    }
}
