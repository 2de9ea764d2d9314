package io.tierserve.policy.service;

import java.util.UUID;

/**
 * A job this processor holds the lease of.
 *
 * @param attempt the attempt this claim is (1 for the first run)
 * @param maxAttempts attempts allowed before the job is dead-lettered
 * @param owner the lease owner (processor id) that claimed it
 */
public record ClaimedJob(
        UUID tenantId, UUID id, UUID cascadeId, UUID profileId, int attempt, int maxAttempts, String owner) {}
