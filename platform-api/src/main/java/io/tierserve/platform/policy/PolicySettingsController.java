package io.tierserve.platform.policy;

import jakarta.validation.Valid;
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

    private final PolicyAdministration policies;

    PolicySettingsController(PolicyAdministration policies) {
        this.policies = policies;
    }

    @GetMapping
    public PolicySettings get(@PathVariable String tenant) {
        return policies.settings(tenant);
    }

    @PutMapping
    public PolicySettings put(@PathVariable String tenant, @Valid @RequestBody PolicySettings settings) {
        return policies.changeSettings(tenant, settings);
    }
}
