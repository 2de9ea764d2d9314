package io.tierserve.platform.profile;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.tier.TierChanged;
import io.tierserve.policy.service.JobQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Queues a recomputation of every cascade of the tenant that has a stored profile (its latest)
 * when a tier is created or changed, in the tier change's transaction: policies are computed per
 * tier from profiles, so a new or changed promise needs a job before any version serves it.
 * Cascades without a profile get nothing (there is nothing to compute from; the upload queues it).
 */
@Component
class TierChangeRecomputation {

    private record Latest(UUID cascadeId, String cascade, UUID profileId) {}

    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    TierChangeRecomputation(JdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @EventListener
    void on(TierChanged change) {
        List<Latest> latest = jdbc.query(
                "select distinct on (p.cascade_id) p.cascade_id, c.name, p.id from profiles p"
                        + " join cascades c on c.tenant_id = p.tenant_id and c.id = p.cascade_id"
                        + " where p.tenant_id = ? order by p.cascade_id, p.created_at desc",
                (rs, i) -> new Latest(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)),
                change.tenantId());
        for (Latest profile : latest) {
            UUID job = jdbc.execute((ConnectionCallback<UUID>) connection -> JobQueue.enqueue(
                    connection, change.tenantId(), profile.cascadeId(), profile.profileId(), "TIER_CHANGED"));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("cascade", profile.cascade());
            details.put("profile", profile.profileId().toString());
            details.put("tier", change.tierName());
            details.put("change", change.change());
            details.put("reason", "TIER_CHANGED");
            audit.record(change.tenantId(), "job.queued", "recomputation_job", job, profile.cascade(), details);
        }
    }
}
