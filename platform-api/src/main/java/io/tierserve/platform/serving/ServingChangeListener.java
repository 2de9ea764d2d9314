package io.tierserve.platform.serving;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on PostgreSQL's channel {@code tierserve_serving} and reloads each notified tenant's part
 * of the serving snapshot.
 *
 * <p>LISTEN/NOTIFY rather than logical decoding: triggers (migration V60) notify with the tenant's
 * id when its keys, tiers, limits, cascades or active versions change; PostgreSQL delivers a
 * notification only when its transaction commits, once per tenant and transaction, to every
 * listening session. It needs no replication slot (which retains WAL for as long as a stopped
 * instance does not consume it), no {@code wal_level = logical} and no extra privileges, so it works
 * on the embedded server and on any managed PostgreSQL alike. Notifications sent while this
 * session is disconnected are lost, so every (re)connect starts with a full reload, and a full
 * reload also runs every {@code tierserve.serving.full-reload-interval}.
 *
 * <p>One listening connection per instance is held from the pool for the instance's lifetime.
 * A thread that has just committed a change of its own sends a {@code sync} notification through
 * the same channel and waits until this listener has handled it: notifications arrive in commit
 * order, so by then every change committed before it has been reloaded ({@link #catchUp()}).
 */
@Component
class ServingChangeListener implements SmartLifecycle, Runnable {

    private static final Logger log = LoggerFactory.getLogger(ServingChangeListener.class);

    static final String CHANNEL = "tierserve_serving";
    private static final int POLL_MILLIS = 250;
    private static final String SYNC = "sync:";

    private final DataSource dataSource;
    private final ServingState state;
    private final ServingProperties properties;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong syncs = new AtomicLong();
    private final Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private @Nullable Thread thread;

    ServingChangeListener(DataSource dataSource, ServingState state, ServingProperties properties) {
        this.dataSource = dataSource;
        this.state = state;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        // the snapshot is complete before the web server takes requests
        state.reloadAll();
        Thread listener = new Thread(this, "serving-changes");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
        state.attach(this);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // before the web server starts (its phase is SmartLifecycle.DEFAULT_PHASE - 1024)
        return Integer.MIN_VALUE + 1000;
    }

    @Override
    public void run() {
        long backoff = 100;
        boolean failing = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                // whatever changed while this session was not listening
                state.reloadAll();
                listening = true;
                backoff = 100;
                if (failing) {
                    log.info("Serving snapshot: listening for changes again, reloaded in full");
                    failing = false;
                }
                long nextFullReload =
                        System.nanoTime() + properties.fullReloadInterval().toNanos();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        handle(notifications);
                    }
                    if (System.nanoTime() - nextFullReload >= 0) {
                        state.reloadAll();
                        nextFullReload = System.nanoTime()
                                + properties.fullReloadInterval().toNanos();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                // once per outage; the database's own state is logged where it is checked
                if (!failing) {
                    log.warn(
                            "Serving snapshot: listening for changes failed ({}); reconnecting, serving the snapshot"
                                    + " as it is meanwhile",
                            e.getMessage());
                    failing = true;
                } else {
                    log.debug("Serving snapshot: reconnecting in {} ms: {}", backoff, e.getMessage());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(5_000, backoff * 2);
            } finally {
                listening = false;
            }
        }
    }

    private void handle(PGNotification[] notifications) {
        Set<UUID> tenants = new LinkedHashSet<>();
        long synced = -1;
        String mine = SYNC + instance + ":";
        for (PGNotification notification : notifications) {
            String payload = notification.getParameter();
            if (payload.startsWith(mine)) {
                synced = Math.max(synced, Long.parseLong(payload.substring(mine.length())));
            } else if (!payload.startsWith(SYNC)) {
                try {
                    tenants.add(UUID.fromString(payload));
                } catch (IllegalArgumentException e) {
                    log.warn("Serving snapshot: ignoring notification '{}'", payload);
                }
            }
        }
        if (!tenants.isEmpty()) {
            state.reload(tenants);
        }
        if (synced >= 0) {
            long last = synced;
            waiting.entrySet().removeIf(entry -> {
                if (entry.getKey() <= last) {
                    entry.getValue().complete(null);
                    return true;
                }
                return false;
            });
        }
    }

    /**
     * Waits until every change committed before this call is in the snapshot; false when the
     * listener is not connected or did not get there within {@code tierserve.serving.catch-up-timeout}.
     */
    boolean catchUp() {
        if (!listening) {
            return false;
        }
        long sync = syncs.incrementAndGet();
        CompletableFuture<Void> seen = new CompletableFuture<>();
        waiting.put(sync, seen);
        try {
            // on a connection of its own: a caller still inside an outer transaction must not hold it back
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                connection.setAutoCommit(true);
                notify.setString(1, CHANNEL);
                notify.setString(2, SYNC + instance + ":" + sync);
                notify.execute();
            }
            seen.get(properties.catchUpTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException | SQLException | RuntimeException e) {
            log.warn("Serving snapshot: no catch-up within {}", properties.catchUpTimeout());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.remove(sync);
        }
    }
}
