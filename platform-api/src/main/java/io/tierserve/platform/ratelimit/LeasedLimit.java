package io.tierserve.platform.ratelimit;

import java.time.Instant;
import java.util.UUID;

/**
 * One limit of one tenant (its or a tier's rate per second, or a daily quota) as this instance
 * holds it: the tokens leased from the shared counter for the current slot, not yet used.
 *
 * <p>Tokens are good for one slot ({@link RateLimiter#SLOT_MILLIS}); what is left when the slot
 * ends goes back to the counter. Guarded by the tenant's lock in {@link RateLimiter}.
 */
final class LeasedLimit {

    final UUID tenantId;
    final String scope;
    final boolean daily;
    private long slot = Long.MIN_VALUE;
    private int available;
    private boolean exhausted;

    LeasedLimit(UUID tenantId, String scope, boolean daily) {
        this.tenantId = tenantId;
        this.scope = scope;
        this.daily = daily;
    }

    /**
     * Makes sure {@code n} tokens are held for slot {@code slot}, leasing more when needed.
     *
     * @return whether they are held; when not, the limit is used up for this slot
     */
    boolean reserve(long slot, int n, long max, RateLeases leases) {
        if (slot != this.slot) {
            giveBack(leases);
            this.slot = slot;
            this.exhausted = false;
        }
        if (available >= n) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        int wanted = Math.max(n - available, leaseSize(max));
        int granted = leases.lease(tenantId, scope, counterRow(slot), windowStart(slot), max, wanted);
        available += granted;
        if (granted < wanted) {
            // the shared window is full: no round trip again until the slot ends
            exhausted = true;
        }
        return available >= n;
    }

    /** Spends {@code n} tokens that {@link #reserve} made sure of. */
    void take(int n) {
        available -= n;
    }

    /** Returns the unused tokens of a slot that has ended (or of every slot, when shutting down). */
    void giveBackIfBefore(long currentSlot, RateLeases leases) {
        if (slot < currentSlot) {
            giveBack(leases);
        }
    }

    /** Whether it holds leased tokens not yet taken. */
    boolean holdsTokens() {
        return available > 0;
    }

    boolean idleSince(long slotBefore) {
        return available == 0 && slot < slotBefore;
    }

    private void giveBack(RateLeases leases) {
        if (available > 0) {
            leases.giveBack(tenantId, scope, counterRow(slot), available);
            available = 0;
        }
    }

    // Per second: a small share of the limit per lease, so the tokens one instance holds unused
    // at any moment keep the others at most a few per cent from the limit. Daily: the same share,
    // capped, since a day's quota can be large.
    private int leaseSize(long max) {
        long share = Math.max(1, max / 50);
        return (int) Math.min(daily ? 1_000 : 10_000, share);
    }

    // the row the lease adds to: the slot's own row, or the day's
    private Instant counterRow(long slot) {
        return Instant.ofEpochMilli(daily ? dayStart(slot) : slot);
    }

    // the first row the limit counts: a second before the slot (so any one-second interval,
    // which touches at most 1000 / SLOT_MILLIS + 1 slots, is within the limit), or the day's row
    private Instant windowStart(long slot) {
        return Instant.ofEpochMilli(daily ? dayStart(slot) : slot - 1_000);
    }

    private static long dayStart(long epochMillis) {
        return epochMillis - Math.floorMod(epochMillis, 86_400_000L);
    }
}
