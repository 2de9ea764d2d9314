package io.tierserve.platform.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a usage record per public API request and updates the Prometheus meters
 * ({@code tierserve_requests_total}, {@code tierserve_request_latency_seconds},
 * {@code tierserve_stages_run}), tagged by tenant, tier, cascade and outcome; {@link
 * UsageMetricsConfiguration} caps how many distinct tag values each may have.
 */
@Service
public class UsageRecorder {

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    UsageRecorder(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    // PostgreSQL array literals; doubles in Java's shortest round-trip form, which PostgreSQL reads back exactly
    private static String arrayText(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static String arrayText(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(",", "{", "}"));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(UsageEvent event) {
        jdbc.update(
                """
                insert into usage_records (tenant_id, request_id, api_key_id, cascade_id, tier_id, policy_version_id,
                                           device_class, stages_run, stages, answered_by, recalled, deadline_hit,
                                           latency_ms, outcome, stage_predictions, stage_confidences,
                                           profile_predictions, profile_confidences)
                values (?, ?, ?, ?, (select id from tiers where tenant_id = ? and name = ?), ?, ?, ?, ?::text[], ?, ?, ?,
                        ?, ?, ?::integer[], ?::double precision[], ?::integer[], ?::double precision[])
                """,
                event.tenantId(),
                event.requestId(),
                event.apiKeyId(),
                event.cascadeId(),
                event.tenantId(),
                event.tierName(),
                event.policyVersionId(),
                event.deviceClass(),
                event.stages().size(),
                "{" + String.join(",", event.stages()) + "}",
                event.answeredBy(),
                event.recalled(),
                event.deadlineHit(),
                event.latencyMs(),
                event.outcome(),
                event.stageOutputs() == null
                        ? null
                        : arrayText(event.stageOutputs().predictions()),
                event.stageOutputs() == null
                        ? null
                        : arrayText(event.stageOutputs().confidences()),
                event.fullRun() == null ? null : arrayText(event.fullRun().predictions()),
                event.fullRun() == null ? null : arrayText(event.fullRun().confidences()));
        String tenant = event.tenantName();
        String tier = event.tierName() == null ? "none" : event.tierName();
        String cascade = event.cascadeName() == null ? "none" : event.cascadeName();
        Counter.builder("tierserve.requests")
                .description("Public API requests")
                .tags("tenant", tenant, "tier", tier, "cascade", cascade, "outcome", event.outcome())
                .register(meters)
                .increment();
        if ("OK".equals(event.outcome())) {
            Timer.builder("tierserve.request.latency")
                    .description("Latency of served public API requests inside the worker")
                    .tags("tenant", tenant, "tier", tier, "cascade", cascade)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(100_000))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(meters)
                    .record(Duration.ofNanos(Math.round(event.latencyMs() * 1e6)));
            DistributionSummary.builder("tierserve.stages.run")
                    .description("Stages run per served request")
                    .tags("tenant", tenant, "tier", tier, "cascade", cascade)
                    .register(meters)
                    .record(event.stages().size());
        }
    }
}
