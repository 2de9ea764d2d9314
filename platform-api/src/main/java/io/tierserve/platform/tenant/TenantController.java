package io.tierserve.platform.tenant;

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

/** Tenants, for platform admins. */
@RestController
@RequestMapping("/api/tenants")
class TenantController {

    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @GetMapping
    PageResponse<TenantResponse> list(
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return tenants.list(page, size);
    }

    @GetMapping("/{tenant}")
    TenantResponse get(@PathVariable String tenant) {
        return tenants.get(tenant);
    }

    @PostMapping
    ResponseEntity<TenantResponse> create(@Valid @RequestBody TenantRequest request) {
        tenants.create(request);
        return ResponseEntity.created(URI.create("/api/tenants/" + request.name()))
                .body(tenants.get(request.name()));
    }

    @PutMapping("/{tenant}")
    TenantResponse update(@PathVariable String tenant, @Valid @RequestBody TenantRequest request) {
        return tenants.update(tenant, request);
    }

    @DeleteMapping("/{tenant}")
    ResponseEntity<Void> delete(@PathVariable String tenant) {
        tenants.delete(tenant);
        return ResponseEntity.noContent().build();
    }
}
