package io.tierserve.platform.ratelimit;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.tenant.TenantService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and sets a tenant's rate limit and daily quota; a change is audited in its transaction. */
@Service
class TenantLimitsService {

    private final JdbcTemplate jdbc;
    private final TenantService tenants;
    private final AuditLog audit;

    TenantLimitsService(JdbcTemplate jdbc, TenantService tenants, AuditLog audit) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.audit = audit;
    }

    /** The tenant's limits; both null when none were ever set. */
    @Transactional(readOnly = true)
    TenantLimits of(String tenant) {
        UUID id = tenants.idOf(tenant);
        List<TenantLimits> limits = jdbc.query(
                "select rate_limit_per_second, quota_per_day from tenant_limits where tenant_id = ?",
                (rs, row) -> new TenantLimits(
                        (Integer) rs.getObject("rate_limit_per_second"), (Long) rs.getObject("quota_per_day")),
                id);
        return limits.isEmpty() ? new TenantLimits(null, null) : limits.get(0);
    }

    /** Replaces the tenant's limits (null: unlimited). */
    @Transactional
    TenantLimits set(String tenant, TenantLimits limits) {
        UUID id = tenants.idOf(tenant);
        jdbc.update("""
                insert into tenant_limits (tenant_id, rate_limit_per_second, quota_per_day) values (?, ?, ?)
                on conflict (tenant_id) do update set rate_limit_per_second = excluded.rate_limit_per_second,
                    quota_per_day = excluded.quota_per_day, updated_at = now()
                """, id, limits.rateLimitPerSecond(), limits.quotaPerDay());
        Map<String, Object> details = new HashMap<>();
        details.put("rateLimitPerSecond", limits.rateLimitPerSecond());
        details.put("quotaPerDay", limits.quotaPerDay());
        audit.record(id, "tenant.limits_changed", "tenant", id, tenant, details);
        return limits;
    }
}
