package io.tierserve.platform.usage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One served (or refused) public API request, as metering records it.
 *
 * @param occurredAt when the request was answered (or refused)
 * @param tierId the tier it was served under, null when it named no known tier
 * @param stages the stages run, in order (empty when none ran)
 * @param outcome {@code OK}, {@code CLIENT_ERROR}, {@code SERVER_ERROR} or {@code RATE_LIMITED}
 * @param stageOutputs each run stage's prediction and confidence, in run order (null when none ran)
 * @param fullRun every stage's output in cascade order when the request was fully profiled, else null
 */
public record UsageEvent(
        UUID tenantId,
        String tenantName,
        UUID requestId,
        Instant occurredAt,
        UUID apiKeyId,
        UUID cascadeId,
        String cascadeName,
        UUID tierId,
        String tierName,
        UUID policyVersionId,
        String deviceClass,
        List<String> stages,
        String answeredBy,
        boolean recalled,
        boolean deadlineHit,
        double latencyMs,
        String outcome,
        StageOutputs stageOutputs,
        StageOutputs fullRun) {

    /** Per stage, the predicted class index and its confidence. */
    public record StageOutputs(int[] predictions, double[] confidences) {

        public StageOutputs {
            if (predictions.length != confidences.length) {
                throw new IllegalArgumentException("one confidence per prediction");
            }
        }
    }

    /** This event with every stage's output of its full profiling run. */
    public UsageEvent withFullRun(StageOutputs outputs) {
        return new UsageEvent(
                tenantId,
                tenantName,
                requestId,
                occurredAt,
                apiKeyId,
                cascadeId,
                cascadeName,
                tierId,
                tierName,
                policyVersionId,
                deviceClass,
                stages,
                answeredBy,
                recalled,
                deadlineHit,
                latencyMs,
                outcome,
                stageOutputs,
                outputs);
    }
}
