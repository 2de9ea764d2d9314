package io.tierserve.platform.drift;

import io.tierserve.platform.config.DatabaseAvailability;
import io.tierserve.platform.policy.ActivePolicy;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.worker.execution.StageTrace;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts, per served policy version, how many live requests' stages fell in each confidence bin
 * of the version's policy, and adds the counts to {@code drift_bin_counts} periodically.
 *
 * <p>Recording is lock-free: one {@link LongAdder} per (stage, bin), created once per version the
 * first time it serves. A flush takes each adder's {@link LongAdder#sumThenReset() sum and reset},
 * which is atomic per cell, so concurrent increments land in this flush or the next, never
 * nowhere; a failed write puts the counts back. Rows are per minute bucket and are added to with
 * an upsert, so any number of platform instances add up. Entries of versions that stop serving
 * stay (empty) until the process ends: one per version served, a handful. While the database is
 * down the counts wait in memory; a shutdown writes them, or says that it could not.
 */
@Component
public class LiveBinCounts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveBinCounts.class);

    private static final String UPSERT = """
            insert into drift_bin_counts
                (tenant_id, policy_version_id, bucket_start, stage_index, bin, cascade_id, device_class, count)
            select tenant_id, id, ?, ?, ?, cascade_id, ?, ? from policy_versions where id = ?
            on conflict (tenant_id, policy_version_id, bucket_start, stage_index, bin)
            do update set count = drift_bin_counts.count + excluded.count""";

    private record Counts(UUID cascadeId, String deviceClass, LongAdder[][] bins) {

        static Counts of(UUID cascadeId, String deviceClass, ConfidenceBins bins) {
            LongAdder[][] adders = new LongAdder[bins.stageCount()][];
            for (int v = 0; v < adders.length; v++) {
                adders[v] = new LongAdder[bins.bins(v)];
                for (int b = 0; b < adders[v].length; b++) {
                    adders[v][b] = new LongAdder();
                }
            }
            return new Counts(cascadeId, deviceClass, adders);
        }
    }

    private record Row(int stage, int bin, long count) {}

    private final Map<UUID, Counts> counts = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DatabaseAvailability database;
    private volatile boolean running;

    LiveBinCounts(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, DatabaseAvailability database) {
        this.jdbc = jdbc;
        this.database = database;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Adds one count per stage run to its bin; nothing when the policy has no bins. */
    public void record(ActivePolicy active, String deviceClass, List<StageTrace> stages) {
        ConfidenceBins bins = active.bins();
        if (bins == null) {
            return;
        }
        LongAdder[][] adders = counts.computeIfAbsent(
                        active.versionId(), id -> Counts.of(active.cascadeId(), deviceClass, bins))
                .bins();
        for (StageTrace stage : stages) {
            int v = stage.index();
            if (stage.bin() >= 0 && v < adders.length && stage.bin() < adders[v].length) {
                adders[v][stage.bin()].increment();
            }
        }
    }

    /** Writes every cascade's counts, unless the database is down (they wait for the next time). */
    @Scheduled(
            fixedDelayString = "${tierserve.drift.flush-interval:10s}",
            initialDelayString = "${tierserve.drift.flush-interval:10s}")
    void flushPeriodically() {
        if (!database.isUp()) {
            return;
        }
        try {
            flushAll();
        } catch (RuntimeException e) {
            log.warn(
                    "Could not write the live confidence-bin counts; they wait for the next flush: {}", e.getMessage());
        }
    }

    /** Writes every cascade's counts. */
    void flushAll() {
        flush(cascade -> true);
    }

    /** Writes the counts of one cascade (before its drift is checked). */
    void flush(UUID cascadeId) {
        flush(cascadeId::equals);
    }

    private void flush(Predicate<UUID> cascades) {
        Timestamp bucket = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        for (Map.Entry<UUID, Counts> entry : counts.entrySet()) {
            Counts pending = entry.getValue();
            if (!cascades.test(pending.cascadeId())) {
                continue;
            }
            List<Row> rows = drain(pending.bins());
            if (rows.isEmpty()) {
                continue;
            }
            try {
                transactions.executeWithoutResult(status -> jdbc.batchUpdate(
                        UPSERT,
                        rows.stream()
                                .map(row -> new Object[] {
                                    bucket, row.stage(), row.bin(), pending.deviceClass(), row.count(), entry.getKey()
                                })
                                .toList()));
            } catch (RuntimeException e) {
                rows.forEach(row -> pending.bins()[row.stage()][row.bin()].add(row.count()));
                throw e;
            }
        }
    }

    private static List<Row> drain(LongAdder[][] bins) {
        List<Row> rows = new ArrayList<>();
        for (int v = 0; v < bins.length; v++) {
            for (int b = 0; b < bins[v].length; b++) {
                long count = bins[v][b].sumThenReset();
                if (count > 0) {
                    rows.add(new Row(v, b, count));
                }
            }
        }
        return rows;
    }

    private long pending() {
        long pending = 0;
        for (Counts cascade : counts.values()) {
            for (LongAdder[] stage : cascade.bins()) {
                for (LongAdder bin : stage) {
                    pending += bin.sum();
                }
            }
        }
        return pending;
    }

    @Override
    public void start() {
        running = true;
    }

    /** After the last request: writes what is left, unless the database is down. */
    @Override
    public void stop() {
        running = false;
        if (!database.isUp()) {
            long pending = pending();
            if (pending > 0) {
                database.notWritten(pending + " live confidence-bin counts");
            }
            return;
        }
        try {
            flushAll();
        } catch (RuntimeException e) {
            log.warn("Could not write the last live confidence-bin counts on shutdown: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops after the web server has drained its requests
        return Integer.MAX_VALUE - 4096;
    }
}
