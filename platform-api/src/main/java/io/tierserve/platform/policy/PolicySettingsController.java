package io.tierserve.platform.policy;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.tenant.TenantService;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's policy settings (the {@code tenants.policy_activation} column); changes are audited. */
@RestController
@RequestMapping("/api/tenants/{tenant}/policy-settings")
class PolicySettingsController {

    private final TenantService tenants;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    PolicySettingsController(TenantService tenants, JdbcTemplate jdbc, AuditLog audit) {
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public PolicySettings get(@PathVariable String tenant) {
        return new PolicySettings(jdbc.queryForObject(
                "select policy_activation from tenants where id = ?", String.class, tenants.idOf(tenant)));
    }

    @PutMapping
    @Transactional
    public PolicySettings put(@PathVariable String tenant, @Valid @RequestBody PolicySettings settings) {
        UUID id = tenants.idOf(tenant);
        jdbc.update("update tenants set policy_activation = ? where id = ?", settings.activation(), id);
        audit.record(id, "policy.settings_changed", "tenant", id, tenant, Map.of("activation", settings.activation()));
        return settings;
    }
}
