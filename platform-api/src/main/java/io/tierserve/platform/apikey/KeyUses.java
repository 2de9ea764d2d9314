package io.tierserve.platform.apikey;

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
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes keys' {@code last used} behind the requests: a request only notes its key in memory (one
 * entry per key, however busy), and every few seconds one JDBC batch writes the latest use of each
 * key noted since. Nothing is written on a request's path; at most one interval of uses is lost when
 * the process is killed (a graceful shutdown writes them).
 */
@Component
class KeyUses implements SmartLifecycle {

    private record Use(UUID tenantId, UUID keyId) {}

    private final DataSource dataSource;
    private final Map<Use, Instant> pending = new ConcurrentHashMap<>();
    private volatile boolean running;

    KeyUses(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void used(UUID tenantId, UUID keyId, Instant at) {
        pending.merge(new Use(tenantId, keyId), at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Writes the uses noted so far. */
    @Scheduled(fixedDelayString = "${tierserve.api-keys.last-used-flush-interval:5s}")
    void flush() {
        if (pending.isEmpty()) {
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
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the keys' last use", e);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        flush();
        running = false;
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
