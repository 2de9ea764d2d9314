package io.tierserve.platform.audit;

import java.time.Instant;
import java.util.UUID;

/** One audit event as the query API shows it; {@code details} is the stored JSON object's text. */
record AuditEventResponse(
        long id,
        Instant occurredAt,
        String actor,
        String action,
        String targetType,
        UUID targetId,
        String targetName,
        String details,
        String hash) {}
