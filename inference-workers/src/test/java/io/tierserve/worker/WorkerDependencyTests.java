package io.tierserve.worker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker depends on the policy algorithms only: no PostgreSQL driver, no connection pool, no job
 * service and no policy command line on its classpath (its jar runs on nodes without a database).
 */
class WorkerDependencyTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "org.postgresql.Driver",
                "com.zaxxer.hikari.HikariDataSource",
                "io.tierserve.policy.service.JobProcessor",
                "io.tierserve.policy.cli.PolicyCli"
            })
    void theWorkerCarriesNoDatabaseAndNoJobService(String type) {
        assertThatThrownBy(() -> Class.forName(type)).isInstanceOf(ClassNotFoundException.class);
    }
}
