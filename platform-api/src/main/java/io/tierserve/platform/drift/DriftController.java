package io.tierserve.platform.drift;

import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A cascade's drift: the population stability index per stage of each active policy version over
 * the window, and its drift events (newest first, paged); {@code POST .../drift/check} checks now.
 */
@RestController
@RequestMapping("/api/tenants/{tenant}/cascades/{cascade}/drift")
class DriftController {

    private final CascadeService cascades;
    private final DriftMonitor monitor;

    DriftController(CascadeService cascades, DriftMonitor monitor) {
        this.cascades = cascades;
        this.monitor = monitor;
    }

    @GetMapping
    DriftReport drift(
            @PathVariable String tenant,
            @PathVariable String cascade,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        CascadeStages c = cascades.stages(tenant, cascade);
        return monitor.report(c.tenantId(), c.cascadeId(), c.name(), page, size);
    }

    @PostMapping("/check")
    DriftReport check(
            @PathVariable String tenant,
            @PathVariable String cascade,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        CascadeStages c = cascades.stages(tenant, cascade);
        return monitor.check(c.tenantId(), c.cascadeId(), c.name(), page, size);
    }
}
