package io.tierserve.platform.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.profile.StageLatency;
import io.tierserve.policy.profile.StageOutput;
import io.tierserve.worker.profiling.DemoProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Profiles whose recomputation could only fail are refused at upload, and nothing is stored or queued. */
@ApiTest
class ServableProfileApiTests {

    private static final String PROFILES = "/api/tenants/demo/cascades/fashion-mnist/profiles";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aOneSampleProfileIsA400() throws Exception {
        Profile demo = DemoProfile.load();

        assertRefused(demo.withSamples(demo.samples().subList(0, 1)), "at least 2 samples");
    }

    @Test
    void aPredictionThatIsNoClassIndexIsA400() throws Exception {
        Profile demo = DemoProfile.load();
        List<ProfileSample> samples = new ArrayList<>(demo.samples().subList(0, 100));
        ProfileSample first = samples.get(0);
        List<StageOutput> outputs = new ArrayList<>(first.outputs());
        int outside = demo.labels().isEmpty() ? -1 : demo.labels().size();
        outputs.set(1, new StageOutput(outside, outputs.get(1).confidence()));
        samples.set(0, new ProfileSample(first.label(), outputs));

        assertRefused(demo.withSamples(samples), "prediction " + outside + " is not a class index");
    }

    @Test
    void anAbsurdStageLatencyIsA400NotAConflict() throws Exception {
        Profile demo = DemoProfile.load();
        List<ProfileStage> stages = new ArrayList<>();
        for (ProfileStage stage : demo.stages()) {
            stages.add(new ProfileStage(
                    stage.id(), stage.parent(), Map.of(demo.deviceClass(), new StageLatency(1e308, 1e308, 1e308))));
        }
        Profile absurd = new Profile(
                Profile.FORMAT_VERSION,
                demo.cascade(),
                demo.deviceClass(),
                demo.labels(),
                stages,
                demo.samples().subList(0, 100));

        assertRefused(absurd, "latency");
    }

    private void assertRefused(Profile profile, String reason) {
        long profiles = jdbc.queryForObject("select count(*) from profiles", Long.class);
        String name = ApiClient.uniqueName("bad");

        ApiClient.Response response =
                ApiClient.asAdmin(port).post(PROFILES + "?name=" + name, ProfileJson.toJson(profile));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).contains(reason);
        assertThat(jdbc.queryForObject("select count(*) from profiles", Long.class))
                .isEqualTo(profiles);
    }
}
