package io.tierserve.platform.usage;

import io.tierserve.platform.tenant.TenantService;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads a tenant's usage records: aggregates per tier and cascade, and one request's trace. */
@Service
class UsageReports {

    private final JdbcTemplate jdbc;
    private final TenantService tenants;

    UsageReports(JdbcTemplate jdbc, TenantService tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    /** Per tier and cascade in [start, end): requests by outcome, latency percentiles and mean stages run. */
    @Transactional(readOnly = true)
    List<UsageSummary> summary(String tenant, Instant start, Instant end) {
        UUID id = tenants.idOf(tenant);
        return jdbc.query(
                """
                select coalesce(t.name, '-') tier, coalesce(c.name, '-') cascade_name, count(*) requests,
                       count(*) filter (where u.outcome = 'OK') ok,
                       count(*) filter (where u.outcome = 'RATE_LIMITED') rate_limited,
                       count(*) filter (where u.outcome in ('CLIENT_ERROR', 'SERVER_ERROR')) errors,
                       percentile_cont(0.5) within group (order by u.latency_ms) filter (where u.outcome = 'OK') p50,
                       percentile_cont(0.99) within group (order by u.latency_ms) filter (where u.outcome = 'OK') p99,
                       avg(u.stages_run) filter (where u.outcome = 'OK') mean_stages,
                       count(*) filter (where u.recalled) recalled
                from usage_records u
                left join tiers t on t.tenant_id = u.tenant_id and t.id = u.tier_id
                left join cascades c on c.tenant_id = u.tenant_id and c.id = u.cascade_id
                where u.tenant_id = ? and u.occurred_at >= ? and u.occurred_at < ?
                group by 1, 2 order by 1, 2
                """,
                (rs, row) -> new UsageSummary(
                        rs.getString("tier"),
                        rs.getString("cascade_name"),
                        rs.getLong("requests"),
                        rs.getLong("ok"),
                        rs.getLong("rate_limited"),
                        rs.getLong("errors"),
                        (Double) rs.getObject("p50"),
                        (Double) rs.getObject("p99"),
                        rs.getObject("mean_stages") == null ? null : rs.getDouble("mean_stages"),
                        rs.getLong("recalled")),
                id,
                Timestamp.from(start),
                Timestamp.from(end));
    }

    /** Which policy version and which stages answered the request with this id. */
    @Transactional(readOnly = true)
    RequestTrace trace(String tenant, UUID requestId) {
        UUID id = tenants.idOf(tenant);
        List<RequestTrace> found = jdbc.query(
                """
                select u.request_id, u.occurred_at, t.name tier, c.name cascade_name, p.id policy_id,
                       p.version_number, u.stages, u.answered_by, u.recalled, u.deadline_hit, u.latency_ms, u.outcome,
                       u.stage_predictions, u.stage_confidences, u.profile_predictions is not null fully_profiled
                from usage_records u
                left join tiers t on t.tenant_id = u.tenant_id and t.id = u.tier_id
                left join cascades c on c.tenant_id = u.tenant_id and c.id = u.cascade_id
                left join policy_versions p on p.tenant_id = u.tenant_id and p.id = u.policy_version_id
                where u.tenant_id = ? and u.request_id = ?
                """,
                (rs, row) -> {
                    List<String> run =
                            Arrays.asList((String[]) rs.getArray("stages").getArray());
                    Array predictions = rs.getArray("stage_predictions");
                    Array confidences = rs.getArray("stage_confidences");
                    List<RequestTrace.StageOutput> outputs = new ArrayList<>();
                    if (predictions != null && confidences != null) {
                        Integer[] classes = (Integer[]) predictions.getArray();
                        Double[] values = (Double[]) confidences.getArray();
                        for (int i = 0; i < classes.length && i < run.size(); i++) {
                            outputs.add(new RequestTrace.StageOutput(run.get(i), classes[i], values[i]));
                        }
                    }
                    return new RequestTrace(
                            rs.getObject("request_id", UUID.class),
                            rs.getTimestamp("occurred_at").toInstant(),
                            rs.getString("tier"),
                            rs.getString("cascade_name"),
                            rs.getObject("policy_id", UUID.class),
                            (Integer) rs.getObject("version_number"),
                            run,
                            rs.getString("answered_by"),
                            rs.getBoolean("recalled"),
                            rs.getBoolean("deadline_hit"),
                            rs.getDouble("latency_ms"),
                            rs.getString("outcome"),
                            outputs,
                            rs.getBoolean("fully_profiled"));
                },
                id,
                requestId);
        if (found.isEmpty()) {
            throw RequestNotFoundException.forId(requestId);
        }
        return found.get(0);
    }
}
