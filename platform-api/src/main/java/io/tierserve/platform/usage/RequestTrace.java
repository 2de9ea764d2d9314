package io.tierserve.platform.usage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How one request was answered: the policy version, the stages run and the stage that answered.
 *
 * @param stageOutputs each run stage's prediction and confidence, in run order (empty for requests
 *     recorded before these were kept)
 * @param fullyProfiled whether every stage also ran for the request (a live-profile sample once labelled)
 */
public record RequestTrace(
        UUID requestId,
        Instant occurredAt,
        String tier,
        String cascade,
        UUID policyVersionId,
        Integer policyVersion,
        List<String> stagesRun,
        String answeredBy,
        boolean recalled,
        boolean deadlineHit,
        double latencyMs,
        String outcome,
        List<StageOutput> stageOutputs,
        boolean fullyProfiled) {

    /** What one run stage predicted. */
    public record StageOutput(String stage, int classIndex, double confidence) {}
}
