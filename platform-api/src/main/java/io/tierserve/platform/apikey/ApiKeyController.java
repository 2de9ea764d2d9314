package io.tierserve.platform.apikey;

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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's API keys: the creation response is the only one that shows the key. */
@RestController
@RequestMapping("/api/tenants/{tenant}/api-keys")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping
    PageResponse<ApiKeyResponse> list(
            @PathVariable String tenant,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return keys.list(tenant, page, size);
    }

    @GetMapping("/{key}")
    ApiKeyResponse get(@PathVariable String tenant, @PathVariable String key) {
        return keys.get(tenant, key);
    }

    @PostMapping
    ResponseEntity<ApiKeyResponse> create(@PathVariable String tenant, @Valid @RequestBody ApiKeyRequest request) {
        ApiKeyResponse created = keys.create(tenant, request);
        return ResponseEntity.created(URI.create("/api/tenants/" + tenant + "/api-keys/" + created.name()))
                .body(created);
    }

    /** Revokes the key (it stays listed, as revoked, for the audit trail). */
    @DeleteMapping("/{key}")
    ApiKeyResponse revoke(@PathVariable String tenant, @PathVariable String key) {
        return keys.revoke(tenant, key);
    }
}
