package io.tierserve.policy.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileCsvTests {

    @Test
    void csvRoundTripKeepsStagesSamplesAndLatencies() {
        Profile json = ProfileJson.parse(ProfileFixtures.valid());
        StringWriter stages = new StringWriter();
        StringWriter samples = new StringWriter();

        ProfileCsv.write(json, stages, samples);
        Profile csv = ProfileCsv.read(
                new StringReader(stages.toString()), new StringReader(samples.toString()), "tiny", "cpu");

        assertThat(csv.stages()).isEqualTo(json.stages());
        assertThat(csv.samples()).isEqualTo(json.samples());
        assertThat(csv.labels()).isEqualTo(List.of());
    }

    @Test
    void rejectsASampleMissingAStageRow() {
        String stages = ProfileCsv.STAGES_HEADER + "\nexit1,,cpu,1,1,2\nexit2,exit1,cpu,2,2,3\n";
        String samples = ProfileCsv.SAMPLES_HEADER + "\n7,1,exit1,1,0.9\n";

        assertThatThrownBy(() -> ProfileCsv.read(new StringReader(stages), new StringReader(samples), "c", "cpu"))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("sample '7' has no row for stage 'exit2'");
    }

    @Test
    void namesTheLineOfANonNumericField() {
        String stages = ProfileCsv.STAGES_HEADER + "\nexit1,,cpu,fast,1,2\n";
        String samples = ProfileCsv.SAMPLES_HEADER + "\n";

        assertThatThrownBy(() -> ProfileCsv.read(new StringReader(stages), new StringReader(samples), "c", "cpu"))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("stages CSV line 2: column 4 must be a number, was 'fast'");
    }
}
