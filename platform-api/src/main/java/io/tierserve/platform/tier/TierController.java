package io.tierserve.platform.tier;

import io.tierserve.platform.config.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's tiers. */
@RestController
@RequestMapping("/api/tenants/{tenant}/tiers")
class TierController {

    private final TierService tiers;

    TierController(TierService tiers) {
        this.tiers = tiers;
    }

    @GetMapping
    PageResponse<TierResponse> list(
            @PathVariable String tenant,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return tiers.list(tenant, page, size);
    }

    @GetMapping("/{tier}")
    TierResponse get(@PathVariable String tenant, @PathVariable String tier) {
        return tiers.get(tenant, tier);
    }

    @PostMapping
    ResponseEntity<TierResponse> create(@PathVariable String tenant, @Valid @RequestBody TierRequest request) {
        tiers.create(tenant, request);
        return ResponseEntity.created(URI.create("/api/tenants/" + tenant + "/tiers/" + request.name()))
                .body(tiers.get(tenant, request.name()));
    }

    @PutMapping("/{tier}")
    TierResponse update(
            @PathVariable String tenant, @PathVariable String tier, @Valid @RequestBody TierRequest request) {
        return tiers.update(tenant, tier, request);
    }

    @GetMapping("/{tier}/limits")
    TierLimits limits(@PathVariable String tenant, @PathVariable String tier) {
        return tiers.limits(tenant, tier);
    }

    /** Replaces the tier's limits (absent or null: unlimited), leaving its other settings alone. */
    @PutMapping("/{tier}/limits")
    TierLimits limit(@PathVariable String tenant, @PathVariable String tier, @Valid @RequestBody TierLimits limits) {
        return tiers.limit(tenant, tier, limits);
    }

    @DeleteMapping("/{tier}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable String tier) {
        tiers.delete(tenant, tier);
        return ResponseEntity.noContent().build();
    }
}
