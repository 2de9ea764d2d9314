package io.tierserve.platform.policy;

import io.tierserve.platform.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores planned policies as versions and activates them; every activation is audited in its transaction. */
@Service
public class PolicyVersionService {

    private final PolicyVersionRepository versions;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;

    PolicyVersionService(PolicyVersionRepository versions, AuditLog audit, JdbcTemplate jdbc) {
        this.versions = versions;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /**
     * Stores the held-out frontier the versions of (cascade, device class) were planned from, as the
     * recomputation job does ({@link TierPlanner#planWithFrontier}).
     */
    @Transactional
    public void storeFrontier(UUID tenantId, UUID cascadeId, UUID profileId, String deviceClass, String frontier) {
        jdbc.update(
                "insert into policy_frontiers (tenant_id, id, cascade_id, device_class, profile_id, frontier)"
                        + " values (?, ?, ?, ?, ?, ?::jsonb)",
                tenantId,
                UUID.randomUUID(),
                cascadeId,
                deviceClass,
                profileId,
                frontier);
    }

    /**
     * Stores {@code plan} as the next version for (cascade, tier, device class) and makes it the
     * active one; the previous active version is retired.
     *
     * @return the new version's number
     */
    @Transactional
    public int activate(UUID tenantId, UUID cascadeId, UUID profileId, String deviceClass, PlannedPolicy plan) {
        versions.findByTenantIdAndCascadeIdAndTierIdAndDeviceClassAndStatus(
                        tenantId, cascadeId, plan.tierId(), deviceClass, PolicyVersion.ACTIVE)
                .ifPresent(previous -> {
                    previous.retire();
                    // the partial unique index allows one active version at any moment
                    versions.flush();
                });
        int number = versions.lastVersionNumber(tenantId, cascadeId, plan.tierId(), deviceClass) + 1;
        PolicyVersion version =
                versions.save(PolicyVersion.active(tenantId, cascadeId, profileId, deviceClass, number, plan));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tier", plan.tierName());
        details.put("deviceClass", deviceClass);
        details.put("versionNumber", number);
        details.put("status", plan.status());
        details.put("expectedAccuracy", plan.expectedAccuracy());
        details.put("expectedCostMs", plan.expectedCostMs());
        audit.record(tenantId, "policy.activated", "policy_version", version.id(), plan.tierName(), details);
        return number;
    }

    /** Whether (cascade, tier, device class) has an active version. */
    @Transactional(readOnly = true)
    public boolean hasActive(UUID tenantId, UUID cascadeId, UUID tierId, String deviceClass) {
        return versions.findByTenantIdAndCascadeIdAndTierIdAndDeviceClassAndStatus(
                        tenantId, cascadeId, tierId, deviceClass, PolicyVersion.ACTIVE)
                .isPresent();
    }

    /** Versions of a cascade in every state. */
    @Transactional(readOnly = true)
    public long count(UUID tenantId, UUID cascadeId) {
        return versions.countByTenantIdAndCascadeId(tenantId, cascadeId);
    }
}
