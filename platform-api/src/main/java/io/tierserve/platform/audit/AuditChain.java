package io.tierserve.platform.audit;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends events to a tenant's hash chain and verifies it; both compute the hash in the database
 * ({@code audit_append} with {@code audit_event_hash}, migrations V51 and V11), so writer and
 * verifier hash exactly the same bytes.
 */
@Component
class AuditChain {

    private final JdbcTemplate jdbc;
    private final AuditCheckpoints checkpoints;

    AuditChain(JdbcTemplate jdbc, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
    }

    /**
     * Appends one event in the caller's transaction through {@code audit_append} (V51), the one
     * definition of a chain append that policy-service's job processor uses too.
     */
    void append(
            UUID tenantId,
            String actor,
            String action,
            String targetType,
            UUID targetId,
            String targetName,
            String details) {
        jdbc.queryForObject(
                "select audit_append(?::uuid, ?, ?, ?, ?::uuid, ?, ?::jsonb)::text",
                String.class,
                tenantId,
                actor,
                action,
                targetType,
                targetId,
                targetName,
                details);
    }

    /**
     * Checks the tenant's chain (the platform's own when {@code tenantId} is null) from its first
     * event; names the first event whose link or hash is wrong.
     */
    AuditVerification verify(UUID tenantId) {
        String of = tenantId == null ? "tenant_id is null" : "tenant_id = ?";
        Object[] arguments = tenantId == null ? new Object[0] : new Object[] {tenantId};
        List<Long> broken = jdbc.queryForList("""
                select id from (
                    select id, prev_hash, hash,
                           lag(hash) over (order by id) as expected_prev,
                           audit_event_hash(lag(hash) over (order by id), tenant_id, occurred_at, actor, action,
                                            target_type, target_id, target_name, details) as expected_hash
                    from audit_events where %s) chain
                where prev_hash is distinct from expected_prev or hash is distinct from expected_hash
                order by id limit 1
                """.formatted(of), Long.class, arguments);
        Long count = jdbc.queryForObject("select count(*) from audit_events where " + of, Long.class, arguments);
        String head = jdbc.query(
                "select hash from audit_events where " + of + " order by id desc limit 1",
                rs -> rs.next() ? HexFormat.of().formatHex(rs.getBytes(1)) : null,
                arguments);
        long events = count == null ? 0 : count;
        // a re-hashed chain passes the check above; its signed checkpoint outside the database does not
        String mismatch = checkpoints.mismatch(tenantId);
        return broken.isEmpty()
                ? new AuditVerification(mismatch == null, events, null, head, mismatch)
                : new AuditVerification(false, events, broken.get(0), head, mismatch);
    }
}
