package io.tierserve.platform.drift;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks every cascade with live counts in the window, every {@code tierserve.drift.check-interval}.
 * Each cascade is checked in its own transaction; one failing check does not stop the others. Live
 * counts older than {@code tierserve.drift.retention} are deleted first.
 */
@Component
class ScheduledDriftChecks {

    private static final Logger log = LoggerFactory.getLogger(ScheduledDriftChecks.class);

    private record Target(UUID tenantId, UUID cascadeId, String name) {}

    private final JdbcTemplate jdbc;
    private final DriftMonitor monitor;
    private final LiveBinCounts counts;
    private final DriftProperties properties;

    ScheduledDriftChecks(JdbcTemplate jdbc, DriftMonitor monitor, LiveBinCounts counts, DriftProperties properties) {
        this.jdbc = jdbc;
        this.monitor = monitor;
        this.counts = counts;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${tierserve.drift.check-interval:5m}",
            initialDelayString = "${tierserve.drift.check-interval:5m}")
    void checkAll() {
        counts.flushAll();
        int deleted = jdbc.update(
                "delete from drift_bin_counts where bucket_start < ?",
                Timestamp.from(Instant.now().minus(properties.retention())));
        if (deleted > 0) {
            log.info("Deleted {} live confidence-bin count rows older than {}", deleted, properties.retention());
        }
        Instant since = Instant.now().minus(properties.window());
        for (Target target : jdbc.query(
                "select distinct d.tenant_id, d.cascade_id, c.name from drift_bin_counts d"
                        + " join cascades c on c.tenant_id = d.tenant_id and c.id = d.cascade_id"
                        + " where d.bucket_start >= ?",
                (rs, i) -> new Target(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)),
                Timestamp.from(since))) {
            try {
                DriftReport report = monitor.check(target.tenantId(), target.cascadeId(), target.name(), 0, 1);
                report.recorded()
                        .forEach(event -> log.warn(
                                "Drift in cascade '{}', tier '{}' v{}, stage '{}': PSI {} over {} live samples",
                                target.name(),
                                event.tier(),
                                event.policyVersion(),
                                event.stage(),
                                String.format(java.util.Locale.ROOT, "%.3f", event.psi()),
                                event.liveCount()));
            } catch (RuntimeException e) {
                log.warn("Drift check of cascade {} failed: {}", target.cascadeId(), e.getMessage());
            }
        }
    }
}
