package io.tierserve.platform.audit;

import io.tierserve.platform.config.PageResponse;
import io.tierserve.platform.config.StorableInstant;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's own audit trail, for platform admins: events that belong to no tenant (failed
 * logins, tenants created and deleted), with the same filters and chain check as a tenant's.
 */
@RestController
@RequestMapping("/api/audit")
class PlatformAuditController {

    private final AuditQueries audit;
    private final AuditCheckpoints checkpoints;

    PlatformAuditController(AuditQueries audit, AuditCheckpoints checkpoints) {
        this.audit = audit;
        this.checkpoints = checkpoints;
    }

    @GetMapping
    PageResponse<AuditEventResponse> list(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableInstant
                    Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableInstant
                    Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return audit.platformPage(new AuditFilter(actor, action, target, from, to), page, size);
    }

    @GetMapping("/verify")
    AuditVerification verify() {
        return audit.verifyPlatform();
    }

    /** Writes a signed checkpoint of every chain now (they are also written every few minutes). */
    @PostMapping("/checkpoints")
    ResponseEntity<Void> checkpoint() {
        checkpoints.writeAll();
        return ResponseEntity.noContent().build();
    }
}
