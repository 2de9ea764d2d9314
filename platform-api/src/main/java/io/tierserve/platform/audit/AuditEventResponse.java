package io.tierserve.platform.audit;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One audit event as the query API shows it; {@code details} is the stored JSON object. */
record AuditEventResponse(
        long id,
        Instant occurredAt,
        String actor,
        String action,
        String targetType,
        UUID targetId,
        String targetName,
        JsonNode details,
        String hash) {}
