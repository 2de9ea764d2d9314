package io.tierserve.platform.drift;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.config.PageResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares each stage's live confidence bins with what its active policy version's profile
 * predicts ({@link ExpectedBins}) by the population stability index ({@link Psi}), and records a
 * drift event, audited in the same transaction, when a stage with at least {@code min-samples}
 * live runs in the window exceeds the threshold.
 *
 * <p>The same drift is not recorded continuously: a (policy version, stage) gets at most one
 * event per window, and checks of one cascade are serialised by an advisory lock, so several
 * platform instances checking at once record it once. A new version (a recomputation) starts
 * with fresh counts.
 */
@Service
@EnableConfigurationProperties(DriftProperties.class)
class DriftMonitor {

    private record Version(UUID id, UUID tierId, String tier, int number, String deviceClass) {}

    private final JdbcTemplate jdbc;
    private final ExpectedBins expected;
    private final LiveBinCounts counts;
    private final AuditLog audit;
    private final DriftProperties properties;

    DriftMonitor(
            JdbcTemplate jdbc,
            ExpectedBins expected,
            LiveBinCounts counts,
            AuditLog audit,
            DriftProperties properties) {
        this.jdbc = jdbc;
        this.expected = expected;
        this.counts = counts;
        this.audit = audit;
        this.properties = properties;
    }

    /** The drift of every stage now, without recording anything but this instance's pending counts. */
    @Transactional(readOnly = true)
    public DriftReport report(UUID tenantId, UUID cascadeId, String cascade, int page, int size) {
        Instant end = Instant.now();
        Instant start = end.minus(properties.window());
        List<StageDrift> stages = evaluate(tenantId, cascadeId, start);
        return new DriftReport(
                cascade,
                properties.threshold(),
                properties.minSamples(),
                start,
                end,
                stages,
                List.of(),
                events(tenantId, cascadeId, page, size));
    }

    /** Checks the cascade now and records an event for each stage that drifted (once per window). */
    @Transactional
    public DriftReport check(UUID tenantId, UUID cascadeId, String cascade, int page, int size) {
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> {}, "drift:" + cascadeId);
        Instant end = Instant.now();
        Instant start = end.minus(properties.window());
        List<StageDrift> stages = evaluate(tenantId, cascadeId, start);
        List<DriftEventResponse> recorded = new ArrayList<>();
        for (StageDrift stage : stages) {
            if (stage.drifted() && !recentEvent(tenantId, stage, start)) {
                recorded.add(record(tenantId, cascadeId, cascade, stage, start, end));
            }
        }
        return new DriftReport(
                cascade,
                properties.threshold(),
                properties.minSamples(),
                start,
                end,
                stages,
                recorded,
                events(tenantId, cascadeId, page, size));
    }

    private List<StageDrift> evaluate(UUID tenantId, UUID cascadeId, Instant start) {
        counts.flush(cascadeId);
        List<Version> versions = jdbc.query(
                "select v.id, v.tier_id, t.name, v.version_number, v.device_class from policy_versions v"
                        + " join tiers t on t.tenant_id = v.tenant_id and t.id = v.tier_id"
                        + " where v.tenant_id = ? and v.cascade_id = ? and v.status = 'ACTIVE'"
                        + " order by t.name, v.device_class",
                (rs, i) -> new Version(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5)),
                tenantId,
                cascadeId);
        List<StageDrift> stages = new ArrayList<>();
        for (Version version : versions) {
            Optional<ExpectedBins.Expected> expectation = expected.of(version.id());
            if (expectation.isEmpty()) {
                continue;
            }
            ExpectedBins.Expected e = expectation.get();
            long[][] live = new long[e.shares().length][];
            for (int v = 0; v < live.length; v++) {
                live[v] = new long[e.shares()[v].length];
            }
            jdbc.query(
                    "select stage_index, bin, sum(count) from drift_bin_counts where tenant_id = ?"
                            + " and policy_version_id = ? and bucket_start >= ? group by stage_index, bin",
                    rs -> {
                        int v = rs.getInt(1);
                        int b = rs.getInt(2);
                        if (v < live.length && b < live[v].length) {
                            live[v][b] += rs.getLong(3);
                        }
                    },
                    tenantId,
                    version.id(),
                    Timestamp.from(start));
            for (int v = 0; v < live.length; v++) {
                long total = 0;
                for (long count : live[v]) {
                    total += count;
                }
                long[] liveBins = Psi.merge(live[v], properties.psiBins());
                double[] expectedShares = Psi.merge(e.shares()[v], properties.psiBins());
                // below the minimum live count a PSI is sampling noise, not a measurement: none is shown
                double psi = e.samples()[v] == 0 || total < properties.minSamples()
                        ? Double.NaN
                        : Psi.of(liveBins, expectedShares, properties.epsilon());
                boolean drifted = !Double.isNaN(psi) && psi > properties.threshold();
                stages.add(new StageDrift(
                        version.tier(),
                        version.id(),
                        version.number(),
                        version.deviceClass(),
                        e.stageNames().get(v),
                        Double.isNaN(psi) ? null : psi,
                        total,
                        e.samples()[v],
                        drifted,
                        liveBins,
                        expectedShares));
            }
        }
        return stages;
    }

    private boolean recentEvent(UUID tenantId, StageDrift stage, Instant since) {
        Integer events = jdbc.queryForObject(
                "select count(*) from drift_events e join stages s on s.tenant_id = e.tenant_id and s.id = e.stage_id"
                        + " where e.tenant_id = ? and e.policy_version_id = ? and s.name = ? and e.created_at >= ?",
                Integer.class,
                tenantId,
                stage.policyVersionId(),
                stage.stage(),
                Timestamp.from(since));
        return events != null && events > 0;
    }

    private DriftEventResponse record(
            UUID tenantId, UUID cascadeId, String cascade, StageDrift stage, Instant start, Instant end) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into drift_events (tenant_id, id, cascade_id, policy_version_id, tier_id, stage_id, device_class,"
                        + " psi, threshold, live_count, window_start, window_end)"
                        + " select ?, ?, ?, v.id, v.tier_id, s.id, ?, ?, ?, ?, ?, ? from policy_versions v"
                        + " join stages s on s.tenant_id = v.tenant_id and s.cascade_id = v.cascade_id and s.name = ?"
                        + " where v.tenant_id = ? and v.id = ?",
                tenantId,
                id,
                cascadeId,
                stage.deviceClass(),
                stage.psi(),
                properties.threshold(),
                stage.liveCount(),
                Timestamp.from(start),
                Timestamp.from(end),
                stage.stage(),
                tenantId,
                stage.policyVersionId());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cascade", cascade);
        details.put("tier", stage.tier());
        details.put("policyVersion", stage.policyVersion());
        details.put("deviceClass", stage.deviceClass());
        details.put("stage", stage.stage());
        details.put("psi", stage.psi());
        details.put("threshold", properties.threshold());
        details.put("liveCount", stage.liveCount());
        details.put("window", properties.window().toString());
        audit.record(tenantId, "drift.detected", "policy_version", stage.policyVersionId(), cascade, details);
        return jdbc.queryForObject(EVENTS + " where e.tenant_id = ? and e.id = ?", this::event, tenantId, id);
    }

    private static final String EVENTS = "select e.id, t.name, e.policy_version_id, v.version_number, s.name,"
            + " e.device_class, e.psi, e.threshold, e.live_count, e.window_start, e.window_end, e.created_at"
            + " from drift_events e"
            + " join tiers t on t.tenant_id = e.tenant_id and t.id = e.tier_id"
            + " join policy_versions v on v.tenant_id = e.tenant_id and v.id = e.policy_version_id"
            + " join stages s on s.tenant_id = e.tenant_id and s.id = e.stage_id";

    private DriftEventResponse event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new DriftEventResponse(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getInt(4),
                rs.getString(5),
                rs.getString(6),
                rs.getDouble(7),
                rs.getDouble(8),
                rs.getLong(9),
                rs.getObject(10, OffsetDateTime.class),
                rs.getObject(11, OffsetDateTime.class),
                rs.getObject(12, OffsetDateTime.class));
    }

    private PageResponse<DriftEventResponse> events(UUID tenantId, UUID cascadeId, int page, int size) {
        Long total = jdbc.queryForObject(
                "select count(*) from drift_events where tenant_id = ? and cascade_id = ?",
                Long.class,
                tenantId,
                cascadeId);
        long count = total == null ? 0 : total;
        List<DriftEventResponse> content = jdbc.query(
                EVENTS
                        + " where e.tenant_id = ? and e.cascade_id = ? order by e.created_at desc, e.id limit ? offset ?",
                this::event,
                tenantId,
                cascadeId,
                size,
                (long) page * size);
        return new PageResponse<>(content, page, size, count, (int) ((count + size - 1) / size));
    }
}
