package io.tierserve.policy.service;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Works the recomputation queue: claim a job, compute its policy versions, store them and
 * complete the job; on failure, record it for a retry with backoff or the dead letter.
 *
 * <p>One processor works one job at a time on the thread that runs it; run several for
 * parallelism, in one process or many. The lease is renewed in the background while a job runs.
 * The computation holds no database transaction; only reading the inputs and storing the results
 * do, each briefly.
 */
public final class JobProcessor implements Runnable {

    private static final System.Logger LOG = System.getLogger(JobProcessor.class.getName());

    private final DataSource dataSource;
    private final JobQueue queue;
    private final ProcessorSettings settings;
    private final ScheduledExecutorService heartbeat;
    private volatile boolean running = true;

    public JobProcessor(DataSource dataSource, ProcessorSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.queue = new JobQueue(dataSource, settings.backoffBase());
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, settings.owner() + "-lease");
            t.setDaemon(true);
            return t;
        });
    }

    /** Polls until {@link #stop()}; the job in hand is finished first. */
    @Override
    public void run() {
        try {
            while (running) {
                boolean worked;
                try {
                    worked = processOne();
                } catch (RuntimeException ex) {
                    // the database went away, say; keep polling (stopping: nothing to say)
                    if (running) {
                        LOG.log(Level.WARNING, "job queue poll failed: " + ex.getMessage());
                    }
                    worked = false;
                }
                if (!worked && running) {
                    sleep();
                }
            }
        } finally {
            heartbeat.shutdownNow();
        }
    }

    /**
     * Asks the loop to end after the job in hand. A processor stopping without its database may
     * also interrupt the thread: a job whose results cannot be stored is then left as it is, to be
     * taken up again when its lease runs out.
     */
    public void stop() {
        running = false;
    }

    /** Claims and processes one due job; false when none was due. */
    public boolean processOne() {
        Optional<ClaimedJob> claimed = queue.claim(settings.owner(), settings.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        process(claimed.get());
        return true;
    }

    /** Processes a job this processor claimed; exposed so tests can interleave processors step by step. */
    void process(ClaimedJob job) {
        long period = Math.max(1, settings.lease().toMillis() / 3);
        ScheduledFuture<?> renewal = heartbeat.scheduleAtFixedRate(
                () -> {
                    try {
                        queue.extend(job, settings.lease());
                    } catch (RuntimeException ex) {
                        LOG.log(Level.WARNING, "could not extend the lease of job " + job.id() + ": " + ex);
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        try {
            List<VersionWriter.Written> written = compute(job);
            LOG.log(
                    Level.INFO,
                    "job {0} (attempt {1}) stored {2} policy version(s) in {3} ms",
                    job.id(),
                    job.attempt(),
                    written.size(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (LeaseLostException lost) {
            LOG.log(Level.WARNING, lost.getMessage() + "; its results were discarded");
        } catch (RuntimeException ex) {
            if (!running) {
                // stopping (its database gone, say): the lease runs out and the job is taken up again
                return;
            }
            LOG.log(Level.WARNING, "job " + job.id() + " attempt " + job.attempt() + " failed: " + ex);
            queue.fail(job, ex.getClass().getSimpleName() + ": " + ex.getMessage());
        } finally {
            renewal.cancel(false);
        }
    }

    /** Reads the inputs, computes, and stores; the parts a test can call with a claimed job. */
    List<VersionWriter.Written> compute(ClaimedJob job) {
        record Inputs(StoredProfiles.Stored stored, List<CascadeTier> tiers) {}
        long start = System.nanoTime();
        Inputs inputs = Transactions.inTransaction(
                dataSource,
                c -> new Inputs(
                        StoredProfiles.read(c, job.tenantId(), job.cascadeId(), job.profileId()),
                        CascadeTier.of(c, job.tenantId())));
        long read = (System.nanoTime() - start) / 1_000_000;
        Recomputation.Result result = Recomputation.compute(
                        inputs.stored().profile(), inputs.stored().deviceClasses(), inputs.tiers())
                .withReadMillis(read);
        return Transactions.inTransaction(dataSource, c -> VersionWriter.store(c, job, result));
    }

    /** The queue this processor works. */
    public JobQueue queue() {
        return queue;
    }

    private void sleep() {
        try {
            Thread.sleep(settings.poll().toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
