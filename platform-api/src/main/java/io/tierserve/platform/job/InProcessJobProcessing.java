package io.tierserve.platform.job;

import io.tierserve.policy.service.JobProcessor;
import io.tierserve.policy.service.ProcessorSettings;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs policy-service's {@link JobProcessor} on threads of this process (standalone mode), on the
 * platform's connection pool: the same code {@code policy-service serve} runs in distributed mode.
 */
@Component
@EnableConfigurationProperties(JobProperties.class)
class InProcessJobProcessing implements SmartLifecycle {

    private final DataSource dataSource;
    private final JobProperties properties;
    private final List<JobProcessor> processors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    InProcessJobProcessing(DataSource dataSource, JobProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.inProcess() || !threads.isEmpty()) {
            return;
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

    @Override
    public synchronized void stop() {
        processors.forEach(JobProcessor::stop);
        for (Thread thread : threads) {
            try {
                thread.join(20_000);
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
