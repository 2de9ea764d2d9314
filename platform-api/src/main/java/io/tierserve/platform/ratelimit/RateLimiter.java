package io.tierserve.platform.ratelimit;

import io.tierserve.platform.config.DatabaseAvailability;
import io.tierserve.platform.serving.Limits;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Admits or refuses public API requests under the tenant's and the tier's limits per second and
 * per day, counted over every instance, without a database round trip per request.
 *
 * <p>Each instance leases tokens from counters in PostgreSQL ({@code rate_lease}, migration V60)
 * a few at a time and admits from what it holds. A lease is good for one slot of {@value
 * #SLOT_MILLIS} ms; the tokens left when the slot ends are given back. A per-second limit counts
 * the leases of the last second's slots, so <em>any</em> one-second interval stays within the
 * limit (a fixed one-second window would let twice the limit through across its edge), while a
 * steady stream gets at least {@code limit / (1 + SLOT_MILLIS / 1000)} per second; the tokens one
 * instance holds unused at any moment (at most one lease, a fiftieth of the limit) are what the
 * others may miss. A daily quota counts per UTC day.
 *
 * <p>A request of {@code n} inputs is admitted only when every limit has {@code n} tokens; a refused
 * request spends none (what was leased for it stays for the next request of the slot, or goes
 * back). Bucket4j was weighed: its PostgreSQL backend takes a database transaction per bucket and
 * request, and a request refused by the tier's bucket would still have spent the tenant's token.
 */
@Service
public class RateLimiter implements SmartLifecycle {

    /** How long leased tokens are good for. */
    static final long SLOT_MILLIS = 25;

    private final RateLeases leases;
    private final JdbcTemplate jdbc;
    private final DatabaseAvailability database;
    private final Map<UUID, TenantLimits> tenants = new ConcurrentHashMap<>();
    private volatile boolean running;

    /** A tenant's leased limits, keyed by scope; the monitor serialises its requests' admissions. */
    private static final class TenantLimits {
        final Map<String, LeasedLimit> limits = new ConcurrentHashMap<>();
    }

    RateLimiter(DataSource dataSource, DatabaseAvailability database) {
        this.leases = new RateLeases(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        this.database = database;
    }

    /**
     * Admits {@code n} requests of the tenant in the tier, or refuses all of them.
     *
     * @throws RateLimitExceededException with the seconds to wait, when any limit has fewer than
     *     {@code n} left
     */
    public void admit(UUID tenantId, Limits tenantLimits, UUID tierId, Limits tierLimits, int n) {
        if (tenantLimits.any() || tierLimits.any()) {
            admit(tenantId, tenantLimits, tierId, tierLimits, n, System.currentTimeMillis());
        }
    }

    /** {@link #admit(UUID, Limits, UUID, Limits, int)} at {@code now} (epoch milliseconds). */
    void admit(UUID tenantId, Limits tenantLimits, UUID tierId, Limits tierLimits, int n, long now) {
        long slot = now - Math.floorMod(now, SLOT_MILLIS);
        List<Limit> limits = List.of(
                new Limit("tenant/s", false, tenantLimits.perSecond(), "tenant's limit per second"),
                new Limit("tenant/day", true, tenantLimits.perDay(), "tenant's daily quota"),
                new Limit("tier/" + tierId + "/s", false, tierLimits.perSecond(), "tier's limit per second"),
                new Limit("tier/" + tierId + "/day", true, tierLimits.perDay(), "tier's daily quota"));
        TenantLimits held = tenants.computeIfAbsent(tenantId, id -> new TenantLimits());
        synchronized (held) {
            List<LeasedLimit> reserved = new ArrayList<>(limits.size());
            for (Limit limit : limits) {
                if (limit.max() == null) {
                    continue;
                }
                LeasedLimit leased =
                        held.limits.computeIfAbsent(limit.scope(), s -> new LeasedLimit(tenantId, s, limit.daily()));
                if (!leased.reserve(slot, n, limit.max().longValue(), leases)) {
                    throw RateLimitExceededException.of(
                            limit.what(), limit.max().longValue(), limit.daily() ? secondsToNextDay(now) : 1);
                }
                reserved.add(leased);
            }
            reserved.forEach(leased -> leased.take(n));
        }
    }

    /** One limit a request is checked against; {@code max} null when it is not set. */
    private record Limit(String scope, boolean daily, Number max, String what) {}

    private static long secondsToNextDay(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        return Math.max(
                1, now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).getEpochSecond() - now.getEpochSecond());
    }

    /**
     * Gives back the unused tokens of slots that have ended, and forgets limits unused for a minute
     * (a tenant's entry stays: there is one per tenant that has limits). While the database is down
     * they stay held, and go back once it answers.
     */
    @Scheduled(fixedDelay = SLOT_MILLIS)
    public void giveBackEndedSlots() {
        if (!database.isUp()) {
            return;
        }
        long now = System.currentTimeMillis();
        giveBack(now - Math.floorMod(now, SLOT_MILLIS), now - 60_000);
    }

    private void giveBack(long currentSlot, long forgetBefore) {
        tenants.forEach((id, held) -> {
            synchronized (held) {
                held.limits.values().forEach(limit -> limit.giveBackIfBefore(currentSlot, leases));
                held.limits.values().removeIf(limit -> limit.idleSince(forgetBefore));
            }
        });
    }

    /** Drops counters no limit counts any more (per-second slots after a minute, days after two days). */
    @Scheduled(fixedDelay = 60_000)
    public void forgetOldWindows() {
        jdbc.update("delete from rate_counters where (scope like '%/s' and window_start < now() - interval '1 minute')"
                + " or window_start < now() - interval '2 days'");
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (!database.isUp()) {
            long holding = tenants.values().stream()
                    .mapToLong(held -> held.limits.values().stream()
                            .filter(LeasedLimit::holdsTokens)
                            .count())
                    .sum();
            if (holding > 0) {
                database.notWritten("the unused tokens of " + holding + " rate limit(s) (they count as spent)");
            }
            return;
        }
        // after the last request: what this instance holds goes back to the others
        giveBack(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
