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
        try (PreparedStatement insert = StoredProfiles.prepared(
                connection,
                "insert into audit_events (tenant_id, actor, action, target_type, target_id, target_name, details)"
                        + " values (?, ?, ?, ?, ?, ?, ?::jsonb)",
                tenantId,
                ACTOR,
                action,
                targetType,
                targetId,
                targetName,
                detailsJson)) {
            insert.executeUpdate();
        }
    }
}
