package io.tierserve.platform.policy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    private final PolicyAdministration policies;
    private final PolicyInsights insights;

    PolicyVersionAdminController(PolicyAdministration policies, PolicyInsights insights) {
        this.policies = policies;
        this.insights = insights;
    }

    @GetMapping
    public List<PolicyVersionSummary> list(@PathVariable String tenant, @PathVariable String cascade) {
        return policies.versions(tenant, cascade);
    }

    /** One version: its plan status, family, reason, fit and held-out metrics with bounds, and its policy. */
    @GetMapping("/{id}")
    public PolicyVersionDetail get(@PathVariable String tenant, @PathVariable String cascade, @PathVariable UUID id) {
        return insights.version(tenant, cascade, id);
    }

    @PostMapping("/{id}/activate")
    public Map<String, Object> activate(
            @PathVariable String tenant, @PathVariable String cascade, @PathVariable UUID id) {
        return policies.activate(tenant, cascade, id);
    }
}
