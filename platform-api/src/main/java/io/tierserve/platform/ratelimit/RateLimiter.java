package io.tierserve.platform.ratelimit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admits or refuses a public API request under the tenant's and the tier's limits per second and
 * per day.
 *
 * <p>Fixed windows counted in PostgreSQL: one atomic upsert per limit and request returns the
 * window's new count, so several instances sharing the database never admit more than the limit
 * per window between them (at a window edge a client can get up to twice the per-second rate over
 * any one-second span, the usual fixed-window trade-off). A refused request's transaction rolls
 * back, so it uses up nothing. Bucket4j ({@code bucket4j_jdk17-postgresql} 8.14.0 resolves from
 * Maven Central; 8.16.0 does not) was weighed and not taken: its PostgreSQL proxy manager runs
 * every bucket in a transaction of its own, so a request refused by the tier's bucket would still
 * have spent the tenant's token, and each limit would cost a transaction where this counter does
 * all of a request's limits in one.
 */
@Service
public class RateLimiter {

    private final JdbcTemplate jdbc;

    RateLimiter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts one request of the tenant in the tier and refuses it when any limit is exceeded.
     *
     * @throws RateLimitExceededException with the seconds to wait
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void admit(UUID tenantId, UUID tierId) {
        List<Map<String, Object>> limits =
                jdbc.queryForList("""
                select (select rate_limit_per_second from tenant_limits where tenant_id = ?) as tenant_rate,
                       (select quota_per_day from tenant_limits where tenant_id = ?) as tenant_day,
                       (select rate_limit_per_second from tiers where tenant_id = ? and id = ?) as tier_rate,
                       (select quota_per_day from tiers where tenant_id = ? and id = ?) as tier_day
                """, tenantId, tenantId, tenantId, tierId, tenantId, tierId);
        Map<String, Object> row = limits.get(0);
        Instant now = Instant.now();
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        long toNextSecond = 1;
        long toNextDay = Math.max(1, day.plus(1, ChronoUnit.DAYS).getEpochSecond() - now.getEpochSecond());
        check(tenantId, "tenant/s", second, row.get("tenant_rate"), "tenant's limit per second", toNextSecond);
        check(tenantId, "tenant/day", day, row.get("tenant_day"), "tenant's daily quota", toNextDay);
        if (tierId != null) {
            check(
                    tenantId,
                    "tier/" + tierId + "/s",
                    second,
                    row.get("tier_rate"),
                    "tier's limit per second",
                    toNextSecond);
            check(tenantId, "tier/" + tierId + "/day", day, row.get("tier_day"), "tier's daily quota", toNextDay);
        }
    }

    private void check(UUID tenantId, String scope, Instant window, Object limit, String what, long retryAfter) {
        if (limit == null) {
            return;
        }
        long max = ((Number) limit).longValue();
        Long count = jdbc.queryForObject("""
                insert into rate_counters (tenant_id, scope, window_start, count) values (?, ?, ?, 1)
                on conflict (tenant_id, scope, window_start) do update set count = rate_counters.count + 1
                returning count
                """, Long.class, tenantId, scope, Timestamp.from(window));
        if (count != null && count > max) {
            throw RateLimitExceededException.of(what, max, retryAfter);
        }
    }

    /** Drops finished windows (per-second ones after a minute, daily ones after two days). */
    @Scheduled(fixedDelay = 60_000)
    @Transactional
    public void forgetOldWindows() {
        jdbc.update("delete from rate_counters where (scope like '%/s' and window_start < now() - interval '1 minute')"
                + " or window_start < now() - interval '2 days'");
    }
}
