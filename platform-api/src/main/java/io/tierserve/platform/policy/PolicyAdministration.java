package io.tierserve.platform.policy;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.platform.tenant.TenantService;
import io.tierserve.policy.service.PolicyActivation;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a tenant admin does with policy versions: list a cascade's versions, activate one (approve a
 * pending version or roll back to an earlier one), and choose whether new versions go live at once.
 * Every change is audited in its transaction.
 */
@Service
class PolicyAdministration {

    private final TenantService tenants;
    private final CascadeService cascades;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    PolicyAdministration(TenantService tenants, CascadeService cascades, JdbcTemplate jdbc, AuditLog audit) {
        this.tenants = tenants;
        this.cascades = cascades;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Every version of the cascade, by tier, device class and number. */
    @Transactional(readOnly = true)
    List<PolicyVersionSummary> versions(String tenant, String cascade) {
        CascadeStages c = cascades.stages(tenant, cascade);
        return jdbc.query(
                "select v.id, t.name, v.device_class, v.version_number, v.status, v.expected_accuracy,"
                        + " v.expected_cost_ms, v.job_id, v.created_at, v.activated_at,"
                        + " v.metrics ->> 'status', v.metrics ->> 'family',"
                        + " (v.metrics -> 'heldOutBoundKeepsPromise')::text from policy_versions v"
                        + " join tiers t on t.tenant_id = v.tenant_id and t.id = v.tier_id"
                        + " where v.tenant_id = ? and v.cascade_id = ? order by t.name, v.device_class, v.version_number",
                (rs, i) -> new PolicyVersionSummary(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getObject(6, Double.class),
                        rs.getObject(7, Double.class),
                        rs.getObject(8, UUID.class),
                        rs.getObject(9, OffsetDateTime.class),
                        rs.getObject(10, OffsetDateTime.class),
                        rs.getString(11),
                        rs.getString(12),
                        keepsPromise(rs.getString(11), rs.getString(13))),
                c.tenantId(),
                c.cascadeId());
    }

    /** MET and CONSERVATIVE keep the promise by definition; a fallback says whether its own bound does. */
    private static Boolean keepsPromise(String planStatus, String fallbackKeeps) {
        if ("MET".equals(planStatus) || "CONSERVATIVE".equals(planStatus)) {
            return true;
        }
        return "true".equals(fallbackKeeps) ? Boolean.TRUE : "false".equals(fallbackKeeps) ? Boolean.FALSE : null;
    }

    /**
     * Makes version {@code id} of the cascade the active one for its tier and device class; the
     * previously active one is retired. Audited as {@code policy.approved} (a pending version) or
     * {@code policy.activated} (a rollback) when anything changed.
     *
     * @return what happened: device class, version number, the previous status and version, changed
     * @throws PolicyVersionNotActivatableException (404) for a version not in the cascade, (409) for one that cannot be activated
     */
    @Transactional
    Map<String, Object> activate(String tenant, String cascade, UUID id) {
        CascadeStages c = cascades.stages(tenant, cascade);
        Integer inCascade = jdbc.queryForObject(
                "select count(*) from policy_versions where tenant_id = ? and cascade_id = ? and id = ?",
                Integer.class,
                c.tenantId(),
                c.cascadeId(),
                id);
        if (inCascade == null || inCascade == 0) {
            throw PolicyVersionNotActivatableException.notFound("no policy version " + id + " in cascade " + cascade);
        }
        PolicyActivation.Activation a;
        try {
            a = jdbc.execute((ConnectionCallback<PolicyActivation.Activation>)
                    connection -> PolicyActivation.activate(connection, c.tenantId(), id, null));
        } catch (IllegalArgumentException ex) {
            throw PolicyVersionNotActivatableException.refused(ex.getMessage());
        }
        if (a == null) {
            throw PolicyVersionNotActivatableException.notFound("no policy version " + id);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cascade", cascade);
        details.put("deviceClass", a.deviceClass());
        details.put("versionNumber", a.versionNumber());
        details.put("previousStatus", a.previousStatus());
        details.put("previousVersionId", String.valueOf(a.previousId()));
        if (a.changed()) {
            audit.record(
                    c.tenantId(),
                    "PENDING_APPROVAL".equals(a.previousStatus()) ? "policy.approved" : "policy.activated",
                    "policy_version",
                    id,
                    cascade + " v" + a.versionNumber(),
                    details);
        }
        details.put("status", "ACTIVE");
        details.put("changed", a.changed());
        return details;
    }

    /** The tenant's policy settings (whether new versions go live at once or wait for approval). */
    @Transactional(readOnly = true)
    PolicySettings settings(String tenant) {
        return new PolicySettings(jdbc.queryForObject(
                "select policy_activation from tenants where id = ?", String.class, tenants.idOf(tenant)));
    }

    /** Changes the tenant's policy settings, audited as {@code policy.settings_changed}. */
    @Transactional
    PolicySettings changeSettings(String tenant, PolicySettings settings) {
        UUID id = tenants.idOf(tenant);
        jdbc.update("update tenants set policy_activation = ? where id = ?", settings.activation(), id);
        audit.record(id, "policy.settings_changed", "tenant", id, tenant, Map.of("activation", settings.activation()));
        return settings;
    }
}
