package io.tierserve.platform.ratelimit;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's rate limit and daily quota (tier limits are set on the tier). */
@RestController
@RequestMapping("/api/tenants/{tenant}/limits")
class TenantLimitsController {

    private final TenantLimitsService limits;

    TenantLimitsController(TenantLimitsService limits) {
        this.limits = limits;
    }

    @GetMapping
    public TenantLimits get(@PathVariable String tenant) {
        return limits.of(tenant);
    }

    @PutMapping
    public TenantLimits put(@PathVariable String tenant, @Valid @RequestBody TenantLimits limits) {
        return this.limits.set(tenant, limits);
    }
}
