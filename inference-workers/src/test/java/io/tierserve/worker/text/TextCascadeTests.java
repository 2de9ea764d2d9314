package io.tierserve.worker.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.policy.baseline.CascadePaths;
import io.tierserve.policy.baseline.SingleStagePolicy;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.InputKind;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.execution.InvalidInputException;
import io.tierserve.worker.execution.Prediction;
import io.tierserve.worker.execution.TextLimits;
import io.tierserve.worker.profiling.DemoProfile;
import io.tierserve.worker.profiling.FullRun;
import io.tierserve.worker.training.SpamAssassin;
import io.tierserve.worker.training.SpamSample;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed text cascade {@code spam}: its models, its input checks, its committed profile. */
class TextCascadeTests {

    static InferenceEngine engine;
    static List<SpamAssassin.Message> sample;

    @BeforeAll
    static void load() {
        engine = InferenceEngine.create();
        engine.load(InferenceEngine.spamDirectory());
        sample = SpamSample.load();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theCascadeReadsTextThroughThreeSeparatelyTrainedStages() {
        CascadeManifest manifest = engine.manifest("spam");
        assertThat(manifest.inputKind()).isEqualTo(InputKind.TEXT);
        assertThat(manifest.labels()).containsExactly("ham", "spam");
        assertThat(manifest.stages()).extracting(stage -> stage.id()).containsExactly("ngrams", "minilm", "e5");
        assertThat(manifest.stages())
                .extracting(stage -> stage.engine())
                .containsExactly("HashedNgrams", "SentenceEncoder", "SentenceEncoder");
    }

    @Test
    void everyStageGivesClassProbabilitiesAndTheLastIsAccurateOnHeldOutHardHamAndSpam() {
        assertThat(sample).hasSize(80);
        assertThat(sample.stream().filter(m -> m.label() == 0))
                .allMatch(m -> m.group().equals("hard-ham-1"));
        int[] correct = new int[3];
        for (SpamAssassin.Message message : sample.subList(0, 80)) {
            FullRun.Outputs outputs = FullRun.run(engine, "spam", InferenceInput.text(message.text()));
            for (int s = 0; s < 3; s++) {
                assertThat(outputs.confidences()[s]).isBetween(0.5, 1.0);
                correct[s] += outputs.predictions()[s] == message.label() ? 1 : 0;
            }
        }
        // hard ham is the corpus's hardest group: each stage is right on most of it
        for (int s = 0; s < 3; s++) {
            assertThat(correct[s] / 80.0).as("stage " + s).isGreaterThan(0.8);
        }
    }

    @Test
    void aPolicyAnswersWithALabelAndSaysWhichStagesRan() {
        CascadeManifest manifest = engine.manifest("spam");
        int[] path = CascadePaths.deepestPath(manifest.parents());
        Prediction first = engine.execute(
                "spam",
                new SingleStagePolicy(3, path, 0, null),
                InferenceInput.text(
                        "Subject: You WON $1,000,000!!!\n\nClick here now to claim your FREE prize. Limited offer!"));
        assertThat(first.labelName()).isEqualTo("spam");
        assertThat(first.trace().stages()).hasSize(1);
        Prediction all = engine.execute(
                "spam",
                new SingleStagePolicy(3, path, 2, null),
                InferenceInput.text(sample.get(0).text()));
        assertThat(all.trace().stages()).extracting(stage -> stage.stage()).containsExactly("ngrams", "minilm", "e5");
        assertThat(all.probabilities()[0] + all.probabilities()[1])
                .isCloseTo(1.0f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void aTextThatIsEmptyTooLongOrNotUnicodeIsRefusedAndSoIsAnImage() {
        assertThatThrownBy(() -> engine.preprocess("spam", InferenceInput.text(" \n")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> engine.preprocess("spam", InferenceInput.text("x".repeat(TextLimits.MAX_CHARS + 1))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most " + TextLimits.MAX_CHARS);
        assertThatThrownBy(() -> engine.preprocess("spam", InferenceInput.text("half a pair: \ud83d!")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unpaired surrogate");
        assertThat(engine.preprocess("spam", InferenceInput.text("a whole pair: \ud83d\ude00"))
                        .text())
                .endsWith("\ud83d\ude00");
        assertThatThrownBy(() -> engine.preprocess("spam", InferenceInput.image("aGVsbG8=")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reads a text");
    }

    @Test
    void theCommittedProfileHasEveryStageAndCostsRiseAlongTheLine() {
        Profile profile = DemoProfile.load("demo/spam/profile-cpu.json.gz");
        assertThat(profile.labels()).containsExactly("ham", "spam");
        assertThat(profile.stages()).extracting(ProfileStage::id).containsExactly("ngrams", "minilm", "e5");
        double ngrams = profile.stages().get(0).latencyOn("cpu").meanMs();
        double minilm = profile.stages().get(1).latencyOn("cpu").meanMs();
        double e5 = profile.stages().get(2).latencyOn("cpu").meanMs();
        assertThat(ngrams).isLessThan(minilm);
        assertThat(minilm).isLessThan(e5);
    }

    @Test
    void hashedFeaturesAreDeterministicAndOfUnitLength() {
        HashedNgrams features = new HashedNgrams(1 << 12, 1000);
        HashedNgrams.Features a = features.extract("Free money!!! Click here", new HashedNgrams.Scratch(features));
        HashedNgrams.Features b = features.extract("Free money!!! Click here", new HashedNgrams.Scratch(features));
        assertThat(a.indices()).containsExactly(b.indices());
        double norm = 0;
        for (float v : a.values()) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
}
