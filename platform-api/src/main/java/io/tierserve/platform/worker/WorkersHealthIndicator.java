package io.tierserve.platform.worker;

import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health contributor {@code workers}: UP while the pool of at least one of this instance's
 * device classes ({@code tierserve.workers.device-classes}) has a worker that may take a request:
 * the in-process worker (always, when it runs), or a remote one that is up. Part of the readiness
 * group: an instance without one can only answer 503.
 */
@Component
class WorkersHealthIndicator implements HealthIndicator {

    private final WorkerPools pools;

    WorkersHealthIndicator(WorkerPools pools) {
        this.pools = pools;
    }

    @Override
    public Health health() {
        List<String> serving =
                pools.deviceClasses().stream().filter(pools::hasWorker).toList();
        if (serving.isEmpty()) {
            return Health.down()
                    .withDetail("deviceClasses", pools.deviceClasses())
                    .withDetail("reason", "no worker is up in any of these pools")
                    .build();
        }
        return Health.up().withDetail("serving", serving).build();
    }
}
