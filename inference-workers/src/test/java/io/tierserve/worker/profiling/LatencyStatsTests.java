package io.tierserve.worker.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.profile.StageLatency;
import org.junit.jupiter.api.Test;

class LatencyStatsTests {

    @Test
    void percentilesAreNearestRankAndReportedInMilliseconds() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[99 - i] = (i + 1) * 1_000L; // 1..100 µs, unsorted
        }
        StageLatency latency = LatencyStats.of(nanos, 100);
        assertThat(latency.p50Ms()).isEqualTo(0.050);
        assertThat(latency.p99Ms()).isEqualTo(0.099);
        assertThat(latency.meanMs()).isCloseTo(0.0505, within(1e-12));
    }
}
