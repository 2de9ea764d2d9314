package io.tierserve.platform.usage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** How one request was answered: the policy version, the stages run and the stage that answered. */
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
        String outcome) {}
