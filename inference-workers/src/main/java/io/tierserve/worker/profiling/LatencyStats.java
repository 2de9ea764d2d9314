package io.tierserve.worker.profiling;

import io.tierserve.policy.profile.StageLatency;
import java.util.Arrays;

/** Mean and nearest-rank percentiles of a set of latencies in nanoseconds, reported in milliseconds. */
final class LatencyStats {

    private LatencyStats() {}

    static StageLatency of(long[] nanos, int count) {
        if (count == 0) {
            throw new IllegalArgumentException("no latencies measured");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new StageLatency(sum / count / 1e6, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
    }

    /** Nearest-rank percentile of an ascending array. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
