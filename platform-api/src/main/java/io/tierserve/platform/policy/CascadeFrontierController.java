package io.tierserve.platform.policy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A cascade's held-out frontier, as the recomputation job stored it with the policy versions. */
@RestController
class CascadeFrontierController {

    private final PolicyInsights insights;

    CascadeFrontierController(PolicyInsights insights) {
        this.insights = insights;
    }

    @Operation(
            summary = "The held-out frontier of every policy family and baseline the planner considered",
            description = "Held-out accuracy against mean latency of every policy family the tiers were planned with"
                    + " (each family's fit-half hull), the baselines of the same held-out half, and every tier's"
                    + " served point (its active version on the device class) with its promise and bounds. Stored"
                    + " by the newest recomputation of the cascade's profile on that device class; 404 before one"
                    + " has run.")
    @GetMapping("/api/tenants/{tenant}/cascades/{cascade}/frontier")
    CascadeFrontier frontier(
            @PathVariable String tenant,
            @PathVariable String cascade,
            @Parameter(description = "device class (default: that of the newest frontier)")
                    @RequestParam(required = false)
                    String deviceClass) {
        return insights.frontier(tenant, cascade, deviceClass);
    }
}
