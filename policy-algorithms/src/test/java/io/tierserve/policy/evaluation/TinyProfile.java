package io.tierserve.policy.evaluation;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.profile.StageLatency;
import io.tierserve.policy.profile.StageOutput;
import java.util.List;
import java.util.Map;

/**
 * A 3-stage line with 4 samples whose every metric is computed by hand in the tests.
 *
 * <pre>
 *   p50 latency  1, 2, 4 ms (p99 2, 4, 8)
 *   A label 0: (0, .90) (0, .95) (0, .99)
 *   B label 1: (2, .60) (1, .80) (1, .90)
 *   C label 2: (1, .50) (1, .70) (2, .60)
 *   D label 3: (3, .40) (0, .50) (0, .55)
 * </pre>
 */
public final class TinyProfile {

    public static final long[] P99_NANOS = {2_000_000L, 4_000_000L, 8_000_000L};
    public static final int[] PATH = {0, 1, 2};

    private TinyProfile() {}

    public static Profile profile() {
        return new Profile(
                1,
                "tiny",
                "cpu",
                List.of(),
                List.of(stage("s1", null, 1), stage("s2", "s1", 2), stage("s3", "s2", 4)),
                List.of(
                        sample(0, 0, .90, 0, .95, 0, .99),
                        sample(1, 2, .60, 1, .80, 1, .90),
                        sample(2, 1, .50, 1, .70, 2, .60),
                        sample(3, 3, .40, 0, .50, 0, .55)));
    }

    private static ProfileStage stage(String id, String parent, double p50) {
        return new ProfileStage(id, parent, Map.of("cpu", new StageLatency(p50 * 1.5, p50, 2 * p50)));
    }

    private static ProfileSample sample(int label, int p1, double c1, int p2, double c2, int p3, double c3) {
        return new ProfileSample(
                label, List.of(new StageOutput(p1, c1), new StageOutput(p2, c2), new StageOutput(p3, c3)));
    }
}
