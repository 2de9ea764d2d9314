package io.tierserve.platform.audit;

import io.tierserve.platform.config.PageResponse;
import io.tierserve.platform.config.StorableInstant;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's audit trail: filtered pages (newest first), CSV export (oldest first), chain check. */
@RestController
@RequestMapping("/api/tenants/{tenant}/audit")
class AuditController {

    private final AuditQueries audit;

    AuditController(AuditQueries audit) {
        this.audit = audit;
    }

    @GetMapping
    PageResponse<AuditEventResponse> list(
            @PathVariable String tenant,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableInstant
                    Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableInstant
                    Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return audit.page(tenant, new AuditFilter(actor, action, target, from, to), page, size);
    }

    @GetMapping("/verify")
    AuditVerification verify(@PathVariable String tenant) {
        return audit.verify(tenant);
    }

    @GetMapping(value = "/export", produces = "text/csv")
    void export(
            @PathVariable String tenant,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableInstant
                    Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableInstant
                    Instant to,
            HttpServletResponse response)
            throws IOException {
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-" + tenant + ".csv\"");
        PrintWriter out = response.getWriter();
        out.println("id,occurred_at,actor,action,target_type,target_id,target_name,details,hash");
        audit.export(tenant, new AuditFilter(actor, action, target, from, to), event -> {
            out.println(String.join(
                    ",",
                    Long.toString(event.id()),
                    event.occurredAt().toString(),
                    csv(event.actor()),
                    csv(event.action()),
                    csv(event.targetType()),
                    event.targetId() == null ? "" : event.targetId().toString(),
                    csv(event.targetName()),
                    csv(event.details() == null ? null : event.details().toString()),
                    event.hash() == null ? "" : event.hash()));
            if (out.checkError()) {
                throw new UncheckedIOException(new IOException("the client went away"));
            }
        });
        out.flush();
    }

    // RFC 4180 quoting; a leading formula character is defused so spreadsheets do not run it
    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
