package io.tierserve.platform.apikey;

import io.tierserve.platform.config.DatabaseAvailability;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes keys' {@code last used} behind the requests: a request only notes its key in memory (one
 * entry per key, however busy), and every few seconds one JDBC batch writes the latest use of each
 * key noted since. Nothing is written on a request's path; at most one interval of uses is lost when
 * the process is killed (a graceful shutdown writes them). While the database is down, uses wait in
 * memory (one entry per key) for the next write.
 */
@Component
class KeyUses implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KeyUses.class);

    private record Use(UUID tenantId, UUID keyId) {}

    private final DataSource dataSource;
    private final DatabaseAvailability database;
    private final Map<Use, Instant> pending = new ConcurrentHashMap<>();
    private volatile boolean running;

    KeyUses(DataSource dataSource, DatabaseAvailability database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    void used(UUID tenantId, UUID keyId, Instant at) {
        pending.merge(new Use(tenantId, keyId), at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Writes the uses noted so far; when that fails, they wait for the next time. */
    @Scheduled(fixedDelayString = "${tierserve.api-keys.last-used-flush-interval:5s}")
    void flush() {
        if (pending.isEmpty() || !database.isUp()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (Use use : List.copyOf(pending.keySet())) {
            Instant at = pending.remove(use);
            if (at != null) {
                rows.add(new Object[] {Timestamp.from(at), use.tenantId(), use.keyId()});
            }
        }
        // a connection of its own, outside any transaction of the caller (a read that flushes first)
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update api_keys set last_used_at = greatest(last_used_at, ?) where tenant_id = ? and id = ?")) {
            connection.setAutoCommit(true);
            for (Object[] row : rows) {
                update.setTimestamp(1, (Timestamp) row[0]);
                update.setObject(2, row[1]);
                update.setObject(3, row[2]);
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException | RuntimeException e) {
            for (Object[] row : rows) {
                used((UUID) row[1], (UUID) row[2], ((Timestamp) row[0]).toInstant());
            }
            if (running) {
                log.warn("Could not write the last use of {} API key(s); next time: {}", rows.size(), e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        flush();
        if (!pending.isEmpty()) {
            database.notWritten("the last use of " + pending.size() + " API key(s)");
            pending.clear();
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
