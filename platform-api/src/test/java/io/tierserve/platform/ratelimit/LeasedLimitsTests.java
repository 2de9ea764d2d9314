package io.tierserve.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.config.DatabaseAvailability;
import io.tierserve.platform.serving.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two rate limiters on one database (two instances' worth of leased tokens), driven by a simulated
 * clock, so that what they admit is exact and repeatable: the leases are real, only time is fed in.
 */
@ApiTest
class LeasedLimitsTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseAvailability database;

    @Autowired
    JdbcTemplate jdbc;

    private UUID tenant() {
        String name = ApiClient.uniqueName("lease");
        ApiClient.asAdmin(port).post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Leases\"}".formatted(name));
        return jdbc.queryForObject("select id from tenants where name = ?", UUID.class, name);
    }

    @Test
    void twoInstancesUnderOverloadAdmitWithinFivePercentOfTheLimitAndNeverMoreInAnyOneSecond() {
        UUID tenant = tenant();
        UUID tier = UUID.randomUUID();
        int limit = 200;
        Limits tierLimits = new Limits(limit, null);
        RateLimiter first = new RateLimiter(dataSource, database);
        RateLimiter second = new RateLimiter(dataSource, database);
        // ten times the limit: each instance gets a request every millisecond for five seconds
        long start = (System.currentTimeMillis() / 1000) * 1000;
        int seconds = 5;
        List<Long> admitted = new ArrayList<>();
        for (long t = start; t < start + seconds * 1000L; t++) {
            for (RateLimiter instance : List.of(first, second)) {
                try {
                    instance.admit(tenant, Limits.NONE_SET, tier, tierLimits, 1, t);
                    admitted.add(t);
                } catch (RateLimitExceededException refused) {
                    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
                }
            }
        }

        double perSecond = admitted.size() / (double) seconds;
        System.out.printf("two instances admitted %.1f per second under a limit of %d%n", perSecond, limit);
        assertThat(perSecond).isBetween(limit * 0.95, limit * 1.0);
        int j = 0;
        for (int i = 0; i < admitted.size(); i++) {
            while (admitted.get(i) - admitted.get(j) >= 1000) {
                j++;
            }
            assertThat(i - j + 1)
                    .as("admitted in the second up to %d", admitted.get(i))
                    .isLessThanOrEqualTo(limit);
        }
    }

    @Test
    void aRefusedBatchSpendsNothingOnEitherInstance() {
        UUID tenant = tenant();
        UUID tier = UUID.randomUUID();
        Limits quota = new Limits(null, 10L);
        RateLimiter first = new RateLimiter(dataSource, database);
        RateLimiter second = new RateLimiter(dataSource, database);
        long now = System.currentTimeMillis();

        first.admit(tenant, quota, tier, Limits.NONE_SET, 4, now);
        assertThatThrownBy(() -> second.admit(tenant, quota, tier, Limits.NONE_SET, 7, now))
                .isInstanceOf(RateLimitExceededException.class);
        second.admit(tenant, quota, tier, Limits.NONE_SET, 6, now);
        assertThatThrownBy(() -> first.admit(tenant, quota, tier, Limits.NONE_SET, 1, now + RateLimiter.SLOT_MILLIS))
                .isInstanceOf(RateLimitExceededException.class)
                .hasMessageContaining("daily quota of 10");
    }

    @Test
    void aRequestRefusedByTheTiersLimitSpendsNoneOfTheTenantsQuota() {
        UUID tenant = tenant();
        UUID tier = UUID.randomUUID();
        Limits tenantQuota = new Limits(null, 3L);
        Limits tierQuota = new Limits(null, 1L);
        RateLimiter limiter = new RateLimiter(dataSource, database);
        long now = System.currentTimeMillis();

        limiter.admit(tenant, tenantQuota, tier, tierQuota, 1, now);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> limiter.admit(tenant, tenantQuota, tier, tierQuota, 1, now))
                    .hasMessageContaining("tier's daily quota");
        }
        UUID otherTier = UUID.randomUUID();
        limiter.admit(tenant, tenantQuota, otherTier, Limits.NONE_SET, 2, now);
    }
}
