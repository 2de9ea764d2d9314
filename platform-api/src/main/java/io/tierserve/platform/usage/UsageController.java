package io.tierserve.platform.usage;

import io.tierserve.platform.config.StorableInstant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's usage: aggregates per tier and cascade, and the trace of one request by its id. Records
 * still buffered on this instance are written first, so a caller sees its own requests at once.
 */
@RestController
@RequestMapping("/api/tenants/{tenant}")
class UsageController {

    private final UsageReports reports;
    private final UsageRecorder recorder;

    UsageController(UsageReports reports, UsageRecorder recorder) {
        this.reports = reports;
        this.recorder = recorder;
    }

    /**
     * Per tier and cascade in [from, to): requests by outcome, latency percentiles and mean stages run.
     *
     * @param from default: 24 hours ago
     */
    @GetMapping("/usage")
    public List<UsageSummary> usage(
            @PathVariable String tenant,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableInstant
                    Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableInstant
                    Instant to) {
        Instant start = from == null ? Instant.now().minus(1, ChronoUnit.DAYS) : from;
        Instant end = to == null ? Instant.now().plusSeconds(1) : to;
        recorder.flush();
        return reports.summary(tenant, start, end);
    }

    /** Which policy version and which stages answered the request with this id. */
    @GetMapping("/requests/{requestId}")
    public RequestTrace request(@PathVariable String tenant, @PathVariable UUID requestId) {
        recorder.flush();
        return reports.trace(tenant, requestId);
    }
}
