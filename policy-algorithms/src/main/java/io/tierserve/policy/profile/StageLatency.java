package io.tierserve.policy.profile;

/** Measured latency of one stage on one device class, in milliseconds (from its parent's output to its own). */
public record StageLatency(double meanMs, double p50Ms, double p99Ms) {

    /** Latency in nanoseconds of {@code ms} milliseconds, rounded up so a budget check never under-counts. */
    public static long toNanos(double ms) {
        return (long) Math.ceil(ms * 1_000_000.0);
    }
}
