package io.tierserve.platform.config;

import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health contributor {@code database}: UP while {@link DatabaseAvailability} finds the database
 * answering. Part of {@code /actuator/health} and of the readiness group; it answers at once, from
 * the last check.
 */
@Component
class DatabaseHealthIndicator implements HealthIndicator {

    private final DatabaseAvailability availability;

    DatabaseHealthIndicator(DatabaseAvailability availability) {
        this.availability = availability;
    }

    @Override
    public Health health() {
        if (availability.isUp()) {
            return Health.up().build();
        }
        Instant since = availability.downSince();
        Health.Builder down = Health.down().withDetail("reason", availability.reason());
        if (since != null) {
            down.withDetail("since", since.toString());
        }
        return down.build();
    }
}
