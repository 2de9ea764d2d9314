package io.tierserve.platform.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends events to a tenant's hash chain and verifies it; both compute the hash in the database
 * ({@code audit_event_hash}, migration V11), so writer and verifier hash exactly the same bytes.
 */
@Component
class AuditChain {

    private final JdbcTemplate jdbc;

    AuditChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends one event in the caller's transaction; a per-tenant lock keeps the chain free of forks. */
    void append(
            UUID tenantId,
            String actor,
            String action,
            String targetType,
            UUID targetId,
            String targetName,
            String details) {
        jdbc.queryForObject(
                "select pg_advisory_xact_lock(hashtextextended(?, 0))::text",
                String.class,
                "audit:" + (tenantId == null ? "platform" : tenantId));
        jdbc.update(
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
                actor,
                action,
                targetType,
                targetId,
                targetName,
                details);
    }

    /** Checks the tenant's chain from its first event; names the first event whose link or hash is wrong. */
    AuditVerification verify(UUID tenantId) {
        List<Long> broken = jdbc.queryForList("""
                select id from (
                    select id, prev_hash, hash,
                           lag(hash) over (order by id) as expected_prev,
                           audit_event_hash(lag(hash) over (order by id), tenant_id, occurred_at, actor, action,
                                            target_type, target_id, target_name, details) as expected_hash
                    from audit_events where tenant_id = ?) chain
                where prev_hash is distinct from expected_prev or hash is distinct from expected_hash
                order by id limit 1
                """, Long.class, tenantId);
        Long count = jdbc.queryForObject("select count(*) from audit_events where tenant_id = ?", Long.class, tenantId);
        String head = jdbc.query(
                "select hash from audit_events where tenant_id = ? order by id desc limit 1",
                rs -> rs.next() ? HexFormat.of().formatHex(rs.getBytes(1)) : null,
                tenantId);
        long events = count == null ? 0 : count;
        return broken.isEmpty()
                ? new AuditVerification(true, events, null, head)
                : new AuditVerification(false, events, broken.get(0), head);
    }
}
