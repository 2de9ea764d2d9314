package io.tierserve.platform.policy;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One policy version as the admin API lists it; {@code planStatus} ({@code MET}, {@code
 * CONSERVATIVE}, {@code FALLBACK}), {@code family} and {@code keepsPromise} come from its metrics.
 */
record PolicyVersionSummary(
        UUID id,
        String tier,
        String deviceClass,
        int versionNumber,
        String status,
        Double expectedAccuracy,
        Double expectedCostMs,
        UUID jobId,
        OffsetDateTime createdAt,
        OffsetDateTime activatedAt,
        String planStatus,
        String family,
        Boolean keepsPromise) {}
