package io.tierserve.policy.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The recomputation queue in table {@code recomputation_jobs}.
 *
 * <p>A processor claims the oldest due job with {@code FOR UPDATE SKIP LOCKED}, so concurrent
 * processors never claim the same row, and holds it under a lease it extends while it works. A job
 * whose lease expired (its processor died) is due again. A failed attempt is queued again after an
 * exponential backoff; once the attempts are spent the job stays {@code FAILED} with its error (the
 * dead letter). Completion checks the lease in the transaction that stores the job's results, so a
 * processor that lost its lease cannot commit anything.
 */
public final class JobQueue {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    private final DataSource dataSource;
    private final Duration backoffBase;

    public JobQueue(DataSource dataSource, Duration backoffBase) {
        this.dataSource = dataSource;
        this.backoffBase = backoffBase;
    }

    /**
     * Queues a job for {@code profileId} on the caller's connection, so it commits or rolls back
     * with the caller's transaction (the profile that causes it).
     */
    public static UUID enqueue(Connection connection, UUID tenantId, UUID cascadeId, UUID profileId, String reason)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into recomputation_jobs (tenant_id, id, cascade_id, profile_id, reason) values (?, ?, ?, ?, ?)")) {
            insert.setObject(1, tenantId);
            insert.setObject(2, id);
            insert.setObject(3, cascadeId);
            insert.setObject(4, profileId);
            insert.setString(5, reason);
            insert.executeUpdate();
        }
        return id;
    }

    /** Claims the oldest due job for {@code owner}, leased for {@code lease}; empty when none is due. */
    public Optional<ClaimedJob> claim(String owner, Duration lease) {
        return Transactions.inTransaction(dataSource, connection -> {
            while (true) {
                try (PreparedStatement select = connection.prepareStatement(
                                "select tenant_id, id, cascade_id, profile_id, attempts, max_attempts from recomputation_jobs"
                                        + " where (status = 'QUEUED' and run_after <= now())"
                                        + " or (status = 'RUNNING' and lease_expires_at < now())"
                                        + " order by run_after limit 1 for update skip locked");
                        ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    UUID tenantId = row.getObject(1, UUID.class);
                    UUID id = row.getObject(2, UUID.class);
                    int attempts = row.getInt(5);
                    int maxAttempts = row.getInt(6);
                    if (attempts >= maxAttempts) {
                        // Only an expired lease on the last attempt gets here: its processor died.
                        deadLetter(connection, tenantId, id, "the lease of the last attempt expired (processor died?)");
                        continue;
                    }
                    try (PreparedStatement update = connection.prepareStatement(
                            "update recomputation_jobs set status = 'RUNNING', attempts = attempts + 1,"
                                    + " lease_owner = ?, lease_expires_at = now() + ?::interval,"
                                    + " started_at = coalesce(started_at, now()) where tenant_id = ? and id = ?")) {
                        update.setString(1, owner);
                        update.setString(2, interval(lease));
                        update.setObject(3, tenantId);
                        update.setObject(4, id);
                        update.executeUpdate();
                    }
                    return Optional.of(new ClaimedJob(
                            tenantId,
                            id,
                            row.getObject(3, UUID.class),
                            row.getObject(4, UUID.class),
                            attempts + 1,
                            maxAttempts,
                            owner));
                }
            }
        });
    }

    /** Extends the lease; false when the job is no longer this processor's (its lease expired and was taken). */
    public boolean extend(ClaimedJob job, Duration lease) {
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("update recomputation_jobs set lease_expires_at = now() + ?::interval"
                            + " where tenant_id = ? and id = ? and status = 'RUNNING' and lease_owner = ?")) {
                update.setString(1, interval(lease));
                update.setObject(2, job.tenantId());
                update.setObject(3, job.id());
                update.setString(4, job.owner());
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Locks the job row on {@code connection} and checks this processor still holds its lease;
     * call it first in the transaction that stores the results.
     *
     * @throws LeaseLostException when another processor took the job over
     */
    static void lockLease(Connection connection, ClaimedJob job) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select 1 from recomputation_jobs where tenant_id = ? and id = ? and status = 'RUNNING'"
                        + " and lease_owner = ? for update")) {
            select.setObject(1, job.tenantId());
            select.setObject(2, job.id());
            select.setString(3, job.owner());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new LeaseLostException(job);
                }
            }
        }
    }

    /** Marks the job done with {@code resultJson} on the caller's connection (after {@link #lockLease}). */
    static void succeed(Connection connection, ClaimedJob job, String resultJson) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update recomputation_jobs set status = 'SUCCEEDED', finished_at = now(), lease_owner = null,"
                        + " lease_expires_at = null, last_error = null, result = ?::jsonb"
                        + " where tenant_id = ? and id = ?")) {
            update.setString(1, resultJson);
            update.setObject(2, job.tenantId());
            update.setObject(3, job.id());
            update.executeUpdate();
        }
    }

    /**
     * Records a failed attempt: queued again after {@code base · 2^(attempt−1)} (capped), or
     * dead-lettered ({@code FAILED}) when it was the last attempt. Does nothing when the lease is lost.
     */
    public void fail(ClaimedJob job, String error) {
        Transactions.inTransaction(dataSource, connection -> {
            try {
                lockLease(connection, job);
            } catch (LeaseLostException lost) {
                return null;
            }
            if (job.attempt() >= job.maxAttempts()) {
                deadLetter(connection, job.tenantId(), job.id(), error);
                return null;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update recomputation_jobs set status = 'QUEUED', lease_owner = null, lease_expires_at = null,"
                            + " last_error = ?, run_after = now() + ?::interval where tenant_id = ? and id = ?")) {
                update.setString(1, truncate(error));
                update.setString(2, interval(backoff(job.attempt())));
                update.setObject(3, job.tenantId());
                update.setObject(4, job.id());
                update.executeUpdate();
            }
            return null;
        });
    }

    /** The wait before attempt {@code attempt + 1}: {@code base · 2^(attempt−1)}, at most 30 minutes. */
    Duration backoff(int attempt) {
        Duration wait = backoffBase.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static void deadLetter(Connection connection, UUID tenantId, UUID id, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update recomputation_jobs set status = 'FAILED', finished_at = now(), lease_owner = null,"
                        + " lease_expires_at = null, last_error = ? where tenant_id = ? and id = ?")) {
            update.setString(1, truncate(error));
            update.setObject(2, tenantId);
            update.setObject(3, id);
            update.executeUpdate();
        }
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }

    private static String truncate(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() <= 4000 ? text : text.substring(0, 4000);
    }
}
