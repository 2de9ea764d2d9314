package io.tierserve.platform.audit;

/**
 * The result of checking a tenant's audit chain.
 *
 * @param firstBrokenEventId the first event whose stored link or hash does not match; null when intact
 * @param headHash the hash of the newest event (hex), which an auditor may keep to detect truncation later
 * @param checkpointMismatch why the chain does not match its newest signed checkpoint (kept outside the
 *     database); null when it does or has none
 */
record AuditVerification(
        boolean intact, long events, Long firstBrokenEventId, String headHash, String checkpointMismatch) {}
