package io.tierserve.platform.tier;

import java.util.UUID;

/**
 * A tier was created or its promise changed, inside the transaction that did it (listeners run in
 * it, so what they write commits or rolls back with the change).
 */
public record TierChanged(UUID tenantId, UUID tierId, String tierName, String change) {}
