package io.tierserve.policy.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tierserve.policy.service.JobProcessor;
import io.tierserve.policy.service.ProcessorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the recomputation job processor against the platform's database until stopped (distributed mode). */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Processes recomputation jobs from the platform's PostgreSQL database until stopped (SIGTERM).",
            "Safe with any number of instances on one database: jobs are claimed with FOR UPDATE SKIP LOCKED",
            "under leases; a job whose processor died is taken over when its lease expires."
        })
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--jdbc-url",
            defaultValue = "${env:SPRING_DATASOURCE_URL}",
            required = true,
            description = "JDBC URL of the platform database (default: $SPRING_DATASOURCE_URL)")
    private String jdbcUrl;

    @Option(
            names = "--user",
            defaultValue = "${env:SPRING_DATASOURCE_USERNAME}",
            description = "database user (default: $SPRING_DATASOURCE_USERNAME)")
    private String user;

    @Option(
            names = "--password",
            defaultValue = "${env:SPRING_DATASOURCE_PASSWORD}",
            description = "database password (default: $SPRING_DATASOURCE_PASSWORD)")
    private String password;

    @Option(names = "--processors", defaultValue = "1", description = "jobs worked at once (default ${DEFAULT-VALUE})")
    private int processors;

    @Option(
            names = "--lease-seconds",
            defaultValue = "60",
            description = "lease per claim, renewed every third (default ${DEFAULT-VALUE})")
    private long leaseSeconds;

    @Option(
            names = "--poll-ms",
            defaultValue = "500",
            description = "wait between polls of an empty queue (default ${DEFAULT-VALUE})")
    private long pollMs;

    @Override
    public Integer call() throws InterruptedException {
        if (processors < 1) {
            throw new IllegalArgumentException("--processors must be >= 1");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(processors * 2 + 1);
        config.setPoolName("policy-service");
        HikariDataSource dataSource = new HikariDataSource(config);
        ProcessorSettings base = ProcessorSettings.defaults(
                        "policy-service-" + ProcessHandle.current().pid())
                .withLease(Duration.ofSeconds(leaseSeconds))
                .withPoll(Duration.ofMillis(pollMs));
        List<JobProcessor> running = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < processors; i++) {
            JobProcessor processor = new JobProcessor(dataSource, base.withOwner(base.owner() + "-" + i));
            running.add(processor);
            Thread thread = new Thread(processor, "job-processor-" + i);
            threads.add(thread);
            thread.start();
        }
        // Wait for the processors, not for the main thread: main may be inside System.exit, which
        // waits for this hook (joining main deadlocked until the timeout).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.forEach(JobProcessor::stop);
            try {
                for (Thread thread : threads) {
                    thread.join(Duration.ofSeconds(30).toMillis());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }));
        spec.commandLine()
                .getErr()
                .println("policy-service: " + processors + " job processor(s) on " + jdbcUrl + " (owner " + base.owner()
                        + ")");
        spec.commandLine().getErr().flush();
        for (Thread thread : threads) {
            thread.join();
        }
        dataSource.close();
        return 0;
    }
}
