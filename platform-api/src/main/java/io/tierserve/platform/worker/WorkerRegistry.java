package io.tierserve.platform.worker;

import io.tierserve.platform.config.DatabaseAvailability;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Remote workers' registrations in {@code worker_registrations}, shared by every platform instance: a
 * heartbeat inserts or refreshes a worker's row ({@code UP}); every instance, every refresh interval,
 * marks rows without a recent heartbeat {@code DOWN} and reads all rows into its pools.
 */
@Service
class WorkerRegistry implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);

    private static final String UPSERT = """
            insert into worker_registrations (name, pool, device_class, endpoint, capacity, cascades, status,
                                              last_heartbeat_at)
            values (?, ?, ?, ?, ?, ?, 'UP', now())
            on conflict (name) do update set pool = excluded.pool, device_class = excluded.device_class,
                endpoint = excluded.endpoint, capacity = excluded.capacity, cascades = excluded.cascades,
                status = 'UP', last_heartbeat_at = now()
            returning (xmax = 0) as inserted""";

    /** A worker's registration as stored. */
    record Registration(
            String name,
            String pool,
            String deviceClass,
            String url,
            int capacity,
            List<String> cascades,
            String status,
            Instant lastHeartbeat) {}

    private final JdbcTemplate jdbc;
    private final WorkerPools pools;
    private final WorkersProperties properties;
    private final DatabaseAvailability database;
    private final HttpClient http;
    private volatile boolean stopping;
    private volatile boolean failing;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "worker-registry");
        thread.setDaemon(true);
        return thread;
    });

    WorkerRegistry(JdbcTemplate jdbc, WorkerPools pools, WorkersProperties properties, DatabaseAvailability database) {
        this.jdbc = jdbc;
        this.pools = pools;
        this.properties = properties;
        this.database = database;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public void afterPropertiesSet() {
        long period = properties.refreshInterval().toMillis();
        timer.scheduleWithFixedDelay(this::refreshQuietly, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Records a heartbeat; a worker's first one (or first after its row was removed) registers it. */
    void heartbeat(Heartbeat beat) {
        // another name on the same URL is a worker that was restarted under a new name
        jdbc.update("delete from worker_registrations where endpoint = ? and name <> ?", beat.url(), beat.workerId());
        Boolean inserted = jdbc.queryForObject(
                UPSERT,
                Boolean.class,
                beat.workerId(),
                beat.pool() == null ? "default" : beat.pool(),
                beat.deviceClass(),
                beat.url(),
                beat.capacity() == null ? 1 : beat.capacity(),
                beat.cascades() == null ? new String[0] : beat.cascades().toArray(String[]::new));
        if (Boolean.TRUE.equals(inserted)) {
            log.info("Worker '{}' ({}) registered at {}", beat.workerId(), beat.deviceClass(), beat.url());
        }
        refreshQuietly();
    }

    /** Every registration, by name. */
    List<Registration> all() {
        return jdbc.query(
                "select name, pool, device_class, endpoint, capacity, cascades, status, last_heartbeat_at"
                        + " from worker_registrations order by name",
                (rs, i) -> registration(rs));
    }

    synchronized void refresh() {
        int down = jdbc.update(
                "update worker_registrations set status = 'DOWN' where status = 'UP'"
                        + " and last_heartbeat_at < now() - make_interval(secs => ?)",
                properties.heartbeatTimeout().toMillis() / 1000.0);
        if (down > 0) {
            log.warn("Marked {} worker(s) DOWN: no heartbeat for {}", down, properties.heartbeatTimeout());
        }
        int forgotten = jdbc.update(
                "delete from worker_registrations where status = 'DOWN'"
                        + " and last_heartbeat_at < now() - make_interval(secs => ?)",
                properties.forgetAfter().toMillis() / 1000.0);
        if (forgotten > 0) {
            log.info("Removed {} worker registration(s): no heartbeat for {}", forgotten, properties.forgetAfter());
        }
        if (!properties.remote()) {
            return;
        }
        List<Registration> registrations = all();
        List<String> names = new ArrayList<>();
        for (Registration registration : registrations) {
            if (pools.isLocal(registration.name())) {
                continue;
            }
            names.add(registration.name());
            boolean up = registration.status().equals("UP");
            URI url = URI.create(registration.url());
            Member known = pools.members().stream()
                    .filter(member -> member.worker.id().equals(registration.name()))
                    .findFirst()
                    .orElse(null);
            if (known != null
                    && known.worker instanceof RemoteWorker remote
                    && (!remote.url().equals(url) || !remote.deviceClass().equals(registration.deviceClass()))) {
                pools.replaceRemote(registration.name(), remote(registration, url), up, registration.lastHeartbeat());
            } else {
                pools.upsertRemote(
                        registration.name(), name -> remote(registration, url), up, registration.lastHeartbeat());
            }
        }
        pools.retainRemote(names);
    }

    private RemoteWorker remote(Registration registration, URI url) {
        return new RemoteWorker(registration.name(), registration.deviceClass(), url, http, properties);
    }

    // while the database is down the pools keep what they last read; one line per outage
    private void refreshQuietly() {
        if (stopping || !database.isUp()) {
            return;
        }
        try {
            refresh();
            failing = false;
        } catch (RuntimeException e) {
            if (!stopping && !failing) {
                log.warn("Cannot refresh the worker registrations; the next round tries again: {}", e.getMessage());
                failing = true;
            }
        }
    }

    private static Registration registration(ResultSet rs) throws SQLException {
        Array cascades = rs.getArray("cascades");
        Timestamp heartbeat = rs.getTimestamp("last_heartbeat_at");
        return new Registration(
                rs.getString("name"),
                rs.getString("pool"),
                rs.getString("device_class"),
                rs.getString("endpoint"),
                rs.getInt("capacity"),
                cascades == null ? List.of() : Arrays.asList((String[]) cascades.getArray()),
                rs.getString("status"),
                heartbeat == null ? null : heartbeat.toInstant());
    }

    @Override
    public void destroy() {
        stopping = true;
        timer.shutdownNow();
    }
}
