package io.tierserve.platform.usage;

import java.util.UUID;

/**
 * One served (or refused) public API request, as metering records it.
 *
 * @param stages the stages run, in order (empty when none ran)
 * @param outcome {@code OK}, {@code CLIENT_ERROR}, {@code SERVER_ERROR} or {@code RATE_LIMITED}
 */
public record UsageEvent(
        UUID tenantId,
        String tenantName,
        UUID requestId,
        UUID apiKeyId,
        UUID cascadeId,
        String cascadeName,
        String tierName,
        UUID policyVersionId,
        String deviceClass,
        java.util.List<String> stages,
        String answeredBy,
        boolean recalled,
        boolean deadlineHit,
        double latencyMs,
        String outcome) {}
