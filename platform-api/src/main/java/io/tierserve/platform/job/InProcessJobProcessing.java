package io.tierserve.platform.job;

import io.tierserve.platform.config.DatabaseAvailability;
import io.tierserve.platform.config.EmbeddedDatabase;
import io.tierserve.policy.service.JobProcessor;
import io.tierserve.policy.service.ProcessorSettings;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs policy-service's {@link JobProcessor} on threads of this process (standalone mode), on the
 * platform's connection pool: the same code {@code policy-service serve} runs in distributed mode.
 *
 * <p>On the embedded database, which only this process uses, a job still {@code RUNNING} when the
 * processors start was being worked by an earlier run of the platform that was killed: its lease is
 * ended at once, so the job is taken up again now rather than when the lease would have run out.
 * Stopping lets the job in hand finish; when the database is down there is nothing it could store,
 * so the processors are interrupted instead and the job is left to its lease (and the next run).
 */
@Component
@EnableConfigurationProperties(JobProperties.class)
class InProcessJobProcessing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InProcessJobProcessing.class);

    private final DataSource dataSource;
    private final JobProperties properties;
    private final ObjectProvider<EmbeddedDatabase> embedded;
    private final DatabaseAvailability database;
    private final List<JobProcessor> processors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    InProcessJobProcessing(
            DataSource dataSource,
            JobProperties properties,
            ObjectProvider<EmbeddedDatabase> embedded,
            DatabaseAvailability database) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.embedded = embedded;
        this.database = database;
    }

    @Override
    public synchronized void start() {
        if (!properties.inProcess() || !threads.isEmpty()) {
            return;
        }
        if (embedded.getIfAvailable() != null) {
            resumeJobsOfAnEarlierRun();
        }
        ProcessorSettings base = ProcessorSettings.defaults(
                        "platform-" + ProcessHandle.current().pid())
                .withLease(properties.lease())
                .withPoll(properties.poll());
        for (int i = 0; i < properties.processors(); i++) {
            JobProcessor processor = new JobProcessor(dataSource, base.withOwner(base.owner() + "-" + i));
            Thread thread = new Thread(processor, "job-processor-" + i);
            thread.setDaemon(true);
            processors.add(processor);
            threads.add(thread);
            thread.start();
        }
    }

    private void resumeJobsOfAnEarlierRun() {
        int resumed = new JdbcTemplate(dataSource)
                .update("update recomputation_jobs set lease_expires_at = now()"
                        + " where status = 'RUNNING' and lease_expires_at > now()");
        if (resumed > 0) {
            log.info("Taking up {} recomputation job(s) that an earlier run of the platform left running", resumed);
        }
    }

    @Override
    public synchronized void stop() {
        processors.forEach(JobProcessor::stop);
        boolean up = database.isUp();
        for (Thread thread : threads) {
            if (!up) {
                thread.interrupt();
            }
            try {
                thread.join(up ? 20_000 : 2_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        processors.clear();
        threads.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !threads.isEmpty();
    }

    @Override
    public int getPhase() {
        // after the web server's phase ends on shutdown, before the pool closes
        return Integer.MAX_VALUE - 2048;
    }
}
