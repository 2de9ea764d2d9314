package io.tierserve.platform.policy;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.policy.service.PolicyActivation;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Policy versions of a cascade: list them, and activate one — approving a pending version or
 * rolling back to an earlier one, audited in the same transaction. Inference looks the active
 * version up per request (the serving snapshot), so the switch is seen with the next request.
 */
@RestController
@RequestMapping("/api/tenants/{tenant}/cascades/{cascade}/policy-versions")
class PolicyVersionAdminController {

    private final CascadeService cascades;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    PolicyVersionAdminController(CascadeService cascades, JdbcTemplate jdbc, AuditLog audit) {
        this.cascades = cascades;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public List<PolicyVersionSummary> list(@PathVariable String tenant, @PathVariable String cascade) {
        CascadeStages c = cascades.stages(tenant, cascade);
        return jdbc.query(
                "select v.id, t.name, v.device_class, v.version_number, v.status, v.expected_accuracy,"
                        + " v.expected_cost_ms, v.job_id, v.created_at, v.activated_at from policy_versions v"
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
                        rs.getObject(10, OffsetDateTime.class)),
                c.tenantId(),
                c.cascadeId());
    }

    @PostMapping("/{id}/activate")
    @Transactional
    public Map<String, Object> activate(
            @PathVariable String tenant, @PathVariable String cascade, @PathVariable UUID id) {
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
}
