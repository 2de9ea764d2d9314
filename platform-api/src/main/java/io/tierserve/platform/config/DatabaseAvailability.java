package io.tierserve.platform.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Whether the database answers, as this instance sees it now: the readiness probe's {@code
 * database} check, and what background work asks before it writes on shutdown.
 *
 * <p>A thread checks every {@code tierserve.database.probe-interval} on a connection of its own
 * (opened from the same connection details as the pool, not taken from the pool, which a busy
 * instance may have none of to spare, and which waits up to 30 s for a connection when the
 * database is gone): {@link Connection#isValid} with {@code tierserve.database.probe-timeout}.
 * Reading the answer never waits; a check that takes longer than the timeout counts as down. So
 * readiness says DOWN within about a second of the database going away, where the pool's own
 * health check would hang for its full connection timeout.
 *
 * <p>Going down and coming back are logged once each. Components that find the database down when
 * the platform stops report what they could not write ({@link #notWritten}); the last lifecycle
 * to stop says it in one line.
 */
@Component
@EnableConfigurationProperties(DatabaseProbeProperties.class)
public class DatabaseAvailability implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

    private final ObjectProvider<JdbcConnectionDetails> connectionDetails;
    private final ObjectProvider<DataSource> dataSource;
    private final DatabaseProbeProperties properties;
    private final List<String> notWritten = new CopyOnWriteArrayList<>();
    private volatile boolean up = true;
    private volatile long checkStartedAt;
    private volatile @Nullable Instant downSince;
    private volatile String reason = "";
    private volatile boolean running;
    private @Nullable Connection connection;
    private @Nullable Thread thread;

    DatabaseAvailability(
            ObjectProvider<JdbcConnectionDetails> connectionDetails,
            ObjectProvider<DataSource> dataSource,
            DatabaseProbeProperties properties) {
        this.connectionDetails = connectionDetails;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    /** Whether the last check found the database answering, and no check is overdue now. */
    public boolean isUp() {
        long started = checkStartedAt;
        return up
                && (started == 0
                        || System.nanoTime() - started
                                < properties.probeTimeout().toNanos());
    }

    /** Since when the database is down; null while it is up. */
    public @Nullable Instant downSince() {
        return up ? null : downSince;
    }

    /** Why the last check failed. */
    public String reason() {
        return reason;
    }

    /**
     * Notes what a component could not write because the database was down as the platform stopped
     * ({@code "12 usage records"}); said in the one line logged when the checks stop.
     */
    public void notWritten(String what) {
        notWritten.add(what);
    }

    /** Whether {@code error} is, or was caused by, not reaching the database (rather than what was asked of it). */
    public static boolean isConnectionFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
            // 08: connection exception; 57P: the server is shutting down, crashed, or starting
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** Checks once, now, on the calling thread. */
    synchronized void check() {
        checkStartedAt = System.nanoTime();
        try {
            if (connection == null) {
                connection = connect();
            }
            if (!connection.isValid(timeoutSeconds())) {
                throw new SQLException("the connection no longer answers");
            }
            if (!up) {
                Instant since = downSince;
                log.info(
                        "Database reachable again{}",
                        since == null
                                ? ""
                                : " after "
                                        + Duration.between(since, Instant.now()).toMillis() + " ms");
            }
            up = true;
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (up) {
                downSince = Instant.now();
                up = false;
                log.warn("Database unreachable: {}", reason);
            }
        } finally {
            checkStartedAt = 0;
        }
    }

    private Connection connect() throws SQLException {
        JdbcConnectionDetails details = connectionDetails.getIfAvailable();
        if (details == null) {
            DataSource pool = dataSource.getObject();
            return pool.getConnection();
        }
        Properties info = new Properties();
        if (details.getUsername() != null) {
            info.setProperty("user", details.getUsername());
        }
        if (details.getPassword() != null) {
            info.setProperty("password", details.getPassword());
        }
        String seconds = Integer.toString(timeoutSeconds());
        info.setProperty("connectTimeout", seconds);
        info.setProperty("loginTimeout", seconds);
        info.setProperty("socketTimeout", seconds);
        info.setProperty("ApplicationName", "tierserve-database-probe");
        return DriverManager.getConnection(details.getJdbcUrl(), info);
    }

    private int timeoutSeconds() {
        return (int) Math.max(1, properties.probeTimeout().toSeconds());
    }

    private void closeConnection() {
        Connection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException | RuntimeException e) {
                // it is gone either way
            }
        }
    }

    private void checkPeriodically() {
        long interval = properties.probeInterval().toMillis();
        try {
            while (running) {
                Thread.sleep(interval);
                if (running) {
                    check();
                }
            }
        } catch (InterruptedException e) {
            // stopped
        } finally {
            synchronized (this) {
                closeConnection();
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        check();
        Thread checker = new Thread(this::checkPeriodically, "database-probe");
        checker.setDaemon(true);
        thread = checker;
        checker.start();
    }

    /** The last to stop: says in one line what the platform could not write, when the database was down. */
    @Override
    public void stop() {
        Thread checker;
        synchronized (this) {
            running = false;
            checker = thread;
            thread = null;
        }
        if (checker != null) {
            // it closes its connection as it ends; a check under way ends within the probe timeout
            checker.interrupt();
        }
        if (!up || !notWritten.isEmpty()) {
            Instant since = downSince;
            log.warn(
                    "Stopped with the database unreachable{} ({}): {}",
                    since == null ? "" : " since " + since,
                    reason,
                    notWritten.isEmpty()
                            ? "nothing was waiting to be written"
                            : "not written: " + String.join(", ", notWritten));
        }
        notWritten.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // starts before, and stops after, everything that writes in the background
        return Integer.MIN_VALUE + 500;
    }
}
