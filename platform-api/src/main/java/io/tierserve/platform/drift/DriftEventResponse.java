package io.tierserve.platform.drift;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A recorded drift event: a stage of a policy version whose live bins moved past the threshold. */
public record DriftEventResponse(
        UUID id,
        String tier,
        UUID policyVersionId,
        int policyVersion,
        String stage,
        String deviceClass,
        double psi,
        double threshold,
        long liveCount,
        OffsetDateTime windowStart,
        OffsetDateTime windowEnd,
        OffsetDateTime createdAt) {}
