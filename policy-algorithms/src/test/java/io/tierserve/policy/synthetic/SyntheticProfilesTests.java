package io.tierserve.policy.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import org.junit.jupiter.api.Test;

class SyntheticProfilesTests {

    @Test
    void sameSeedSameProfileAndAccuracyAndLatencyRiseAlongTheLine() {
        Profile a = SyntheticProfiles.generate(SyntheticProfiles.benchmark(6), 5_000, 9);
        Profile b = SyntheticProfiles.generate(SyntheticProfiles.benchmark(6), 5_000, 9);

        assertThat(a).isEqualTo(b);
        double previousAccuracy = 0;
        double previousLatency = 0;
        for (int v = 0; v < 6; v++) {
            int correct = 0;
            for (ProfileSample s : a.samples()) {
                correct += s.correct(v) ? 1 : 0;
            }
            double accuracy = correct / 5_000.0;
            double latency = a.stages().get(v).latencyOn("cpu").p50Ms();
            assertThat(accuracy).isGreaterThan(previousAccuracy);
            assertThat(latency).isGreaterThan(previousLatency);
            previousAccuracy = accuracy;
            previousLatency = latency;
        }
    }

    @Test
    void benchmarkHasFourToSixStages() {
        assertThatThrownBy(() -> SyntheticProfiles.benchmark(3)).isInstanceOf(IllegalArgumentException.class);
    }
}
