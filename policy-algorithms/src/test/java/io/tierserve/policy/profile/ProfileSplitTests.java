package io.tierserve.policy.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileSplitTests {

    private static Profile numbered(int n) {
        Profile base = ProfileJson.parse(ProfileFixtures.valid());
        List<ProfileSample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // The prediction numbers the sample so the halves can be compared.
            samples.add(new ProfileSample(0, List.of(new StageOutput(i, 0.5), new StageOutput(i, 0.5))));
        }
        return base.withSamples(samples);
    }

    @Test
    void halvesPartitionTheSamplesAndTheSameSeedGivesTheSameSplit() {
        Profile profile = numbered(101);

        ProfileSplit a = profile.split(42);
        ProfileSplit b = profile.split(42);
        ProfileSplit c = profile.split(43);

        assertThat(a.fit().sampleCount()).isEqualTo(51);
        assertThat(a.heldOut().sampleCount()).isEqualTo(50);
        List<ProfileSample> union = new ArrayList<>(a.fit().samples());
        union.addAll(a.heldOut().samples());
        assertThat(union).containsExactlyInAnyOrderElementsOf(profile.samples());
        assertThat(b).isEqualTo(a);
        assertThat(c.fit().samples()).isNotEqualTo(a.fit().samples());
    }
}
