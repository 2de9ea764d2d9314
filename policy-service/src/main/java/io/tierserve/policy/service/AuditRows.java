package io.tierserve.policy.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        // The same append as platform-api's AuditChain: a per-tenant lock, then the hash computed by the
        // database (audit_event_hash, V11), so events written here keep the tenant's chain verifiable.
        StoredProfiles.single(
                connection,
                "select pg_advisory_xact_lock(hashtextextended(?, 0))::text",
                "audit:" + (tenantId == null ? "platform" : tenantId));
        try (PreparedStatement insert = StoredProfiles.prepared(
                connection,
                """
                insert into audit_events (tenant_id, occurred_at, actor, action, target_type, target_id,
                                          target_name, details, prev_hash, hash)
                select v.t, v.o, v.a, v.ac, v.tt, v.ti, v.tn, v.d, p.h,
                       audit_event_hash(p.h, v.t, v.o, v.a, v.ac, v.tt, v.ti, v.tn, v.d)
                from (select ?::uuid t, ?::timestamptz o, ?::text a, ?::text ac, ?::text tt, ?::uuid ti,
                             ?::text tn, ?::jsonb d) v
                left join lateral (select e.hash h from audit_events e
                                   where e.tenant_id is not distinct from v.t
                                   order by e.id desc limit 1) p on true
                """,
                tenantId,
                Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)),
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
