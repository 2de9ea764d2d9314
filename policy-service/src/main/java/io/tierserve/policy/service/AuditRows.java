package io.tierserve.policy.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Writes audit events of the job processor into {@code audit_events}, in the transaction of the change.
 *
 * <p>The processor runs outside platform-api (distributed mode), so it cannot use the platform's
 * {@code AuditLog}; it writes the same columns with the actor {@value #ACTOR}.
 */
final class AuditRows {

    static final String ACTOR = "policy-service";

    private AuditRows() {}

    static void insert(
            Connection connection,
            UUID tenantId,
            String action,
            String targetType,
            UUID targetId,
            String targetName,
            String detailsJson)
            throws SQLException {
        // The database's audit_append (V51), as platform-api's AuditChain: a per-tenant lock and the hash
        // computed by audit_event_hash, so events written here keep the tenant's chain verifiable.
        try (PreparedStatement append = StoredProfiles.prepared(
                connection,
                "select audit_append(?::uuid, ?, ?, ?, ?::uuid, ?, ?::jsonb)",
                tenantId,
                ACTOR,
                action,
                targetType,
                targetId,
                targetName,
                detailsJson)) {
            append.execute();
        }
    }
}
