package io.tierserve.platform.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiTest;
import io.tierserve.platform.config.DatabaseAvailability;
import io.tierserve.platform.policy.ActivePolicy;
import io.tierserve.platform.serving.ServingState;
import io.tierserve.worker.execution.StageTrace;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Two platform instances' in-memory counts, recorded concurrently, add up in the database. */
@ApiTest
class LiveBinCountsTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DatabaseAvailability database;

    @Autowired
    ServingState policies;

    @Test
    void countsOfTwoInstancesRecordedOnManyThreadsAddUpExactly() throws Exception {
        ActivePolicy active =
                policies.activePolicy("demo", "fashion-mnist", "exact", "cpu").orElseThrow();
        int lastBin = active.bins().bins(1) - 1;
        long before = stored(active, 1, lastBin);
        LiveBinCounts first = new LiveBinCounts(jdbc, transactions, database);
        LiveBinCounts second = new LiveBinCounts(jdbc, transactions, database);
        List<StageTrace> trace = List.of(new StageTrace(1, "exit2", 3, 0.999, lastBin, 1000));
        ExecutorService threads = Executors.newFixedThreadPool(4);

        for (int t = 0; t < 4; t++) {
            LiveBinCounts instance = t % 2 == 0 ? first : second;
            threads.submit(() -> {
                for (int i = 0; i < 2500; i++) {
                    instance.record(active, "cpu", trace);
                    if (i % 500 == 0) {
                        instance.flush(active.cascadeId());
                    }
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        first.flush(active.cascadeId());
        second.flush(active.cascadeId());

        assertThat(stored(active, 1, lastBin) - before).isEqualTo(10_000);
        jdbc.update(
                "delete from drift_bin_counts where policy_version_id = ? and stage_index = 1 and bin = ?",
                active.versionId(),
                lastBin);
    }

    private long stored(ActivePolicy active, int stage, int bin) {
        Long count = jdbc.queryForObject(
                "select coalesce(sum(count), 0) from drift_bin_counts where policy_version_id = ?"
                        + " and stage_index = ? and bin = ?",
                Long.class,
                active.versionId(),
                stage,
                bin);
        return count == null ? 0 : count;
    }
}
