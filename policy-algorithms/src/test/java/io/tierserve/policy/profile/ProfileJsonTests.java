package io.tierserve.policy.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileJsonTests {

    @Test
    void readsEveryFieldOfTheDocumentedFormat() {
        Profile profile = ProfileJson.parse(ProfileFixtures.valid());

        assertThat(profile.cascade()).isEqualTo("tiny");
        assertThat(profile.labels()).containsExactly("a", "b");
        assertThat(profile.parentIndices()).containsExactly(-1, 0);
        assertThat(profile.stages().get(1).latencyOn("gpu").p99Ms()).isEqualTo(0.03);
        assertThat(profile.samples().get(1).outputs().get(0)).isEqualTo(new StageOutput(1, 0.55));
        assertThat(profile.samples().get(1).correct(0)).isFalse();
        assertThat(profile.samples().get(1).correct(1)).isTrue();
    }

    @Test
    void writingThenReadingGivesTheSameProfile() {
        Profile profile = ProfileJson.parse(ProfileFixtures.valid());

        assertThat(ProfileJson.parse(ProfileJson.toJson(profile))).isEqualTo(profile);
    }

    @Test
    void readsAGzippedProfileFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("profile.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(ProfileFixtures.valid().getBytes(StandardCharsets.UTF_8));
        }

        assertThat(ProfileJson.read(file)).isEqualTo(ProfileJson.parse(ProfileFixtures.valid()));
    }

    @Test
    void rejectsADuplicateStageId() {
        String json = ProfileFixtures.valid().replace("\"id\": \"exit2\"", "\"id\": \"exit1\"");

        assertThatThrownBy(() -> ProfileJson.parse(json))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("duplicate stage id 'exit1'");
    }

    @Test
    void rejectsAnUnknownParent() {
        assertThatThrownBy(() -> ProfileJson.parse(ProfileFixtures.twoStages("null", "\"exit9\"", "0.7")))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("parent 'exit9' is not a stage");
    }

    @Test
    void rejectsAParentListedAfterItsChildSoCyclesCannotOccur() {
        assertThatThrownBy(() -> ProfileJson.parse(ProfileFixtures.twoStages("\"exit2\"", "\"exit1\"", "0.7")))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("must be listed before its child");
    }

    @Test
    void rejectsAConfidenceOutsideTheUnitInterval() {
        assertThatThrownBy(() -> ProfileJson.parse(ProfileFixtures.twoStages("null", "\"exit1\"", "1.5")))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("samples[1].outputs[1] ('exit2'): confidence 1.5 is not in [0, 1]");
    }

    @Test
    void rejectsASampleThatLacksAStage() {
        String json = ProfileFixtures.valid()
                .replace(
                        "[{\"prediction\": 0, \"confidence\": 0.6}, {\"prediction\": 0, \"confidence\": 0.8}]",
                        "[{\"prediction\": 0, \"confidence\": 0.6}]");

        assertThatThrownBy(() -> ProfileJson.parse(json))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("samples[2]: has 1 outputs, the cascade has 2 stages");
    }

    @Test
    void rejectsAMissingConfidenceInsteadOfReadingZero() {
        String json = ProfileFixtures.valid().replace("\"confidence\": 0.6", "\"confidance\": 0.6");

        assertThatThrownBy(() -> ProfileJson.parse(json))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("samples[2].outputs[0].confidence must be a number");
    }

    @Test
    void rejectsANegativeLatency() {
        String json = ProfileFixtures.valid().replace("\"p99Ms\": 0.09", "\"p99Ms\": -1");

        assertThatThrownBy(() -> ProfileJson.parse(json))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("latency.cpu.p99Ms must be a finite latency >= 0");
    }

    @Test
    void rejectsMalformedJson() {
        assertThatThrownBy(() -> ProfileJson.parse("{\"formatVersion\": 1,"))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("not valid JSON");
    }
}
