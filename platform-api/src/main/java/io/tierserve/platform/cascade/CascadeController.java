package io.tierserve.platform.cascade;

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

/** A tenant's cascades with their stage graphs. */
@RestController
@RequestMapping("/api/tenants/{tenant}/cascades")
class CascadeController {

    private final CascadeService cascades;

    CascadeController(CascadeService cascades) {
        this.cascades = cascades;
    }

    @GetMapping
    PageResponse<CascadeResponse> list(
            @PathVariable String tenant,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return cascades.list(tenant, page, size);
    }

    @GetMapping("/{cascade}")
    CascadeResponse get(@PathVariable String tenant, @PathVariable String cascade) {
        return cascades.get(tenant, cascade);
    }

    @PostMapping
    ResponseEntity<CascadeResponse> create(@PathVariable String tenant, @Valid @RequestBody CascadeRequest request) {
        cascades.create(tenant, request);
        return ResponseEntity.created(URI.create("/api/tenants/" + tenant + "/cascades/" + request.name()))
                .body(cascades.get(tenant, request.name()));
    }

    /** Replaces name, description and stage graph; stages that keep their names keep their ids. */
    @PutMapping("/{cascade}")
    CascadeResponse update(
            @PathVariable String tenant, @PathVariable String cascade, @Valid @RequestBody CascadeRequest request) {
        return cascades.update(tenant, cascade, request);
    }

    @DeleteMapping("/{cascade}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable String cascade) {
        cascades.delete(tenant, cascade);
        return ResponseEntity.noContent().build();
    }
}
