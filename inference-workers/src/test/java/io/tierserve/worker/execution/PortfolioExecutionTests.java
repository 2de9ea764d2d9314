package io.tierserve.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.estimation.CascadeEstimator;
import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.estimation.EstimationSettings;
import io.tierserve.policy.evaluation.Outcomes;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.MixedPolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.solver.Solvers;
import io.tierserve.worker.profiling.DemoProfile;
import io.tierserve.worker.training.FashionMnist;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every family a tier may be served by runs live exactly as replaying the committed profile says:
 * per-stage thresholds (one per stage, and one per stage and agreement with the parent) as the
 * {@code no-recall} documents policy-service writes for them, and a randomised mix of two families.
 */
class PortfolioExecutionTests {

    // stop at exit1 above 0.9, at exit2 above 0.8, else exit3
    private static final String STAGE_THRESHOLDS = """
            {"formatVersion":1,"kind":"no-recall","parents":[-1,0,1],"grid":[0.05,0.1,0.2,0.3],
             "losses":[[0.3,0.05],[0.2,0.05],[0.1]],"binEdges":[[0.9],[0.8],[]],
             "proceed":[[true,false],[true,false],[false]]}""";

    // exit2 stops above 0.7 when it agrees with exit1, above 0.95 when it does not
    private static final String AGREEMENT_THRESHOLDS = """
            {"formatVersion":2,"kind":"no-recall","parents":[-1,0,1],"grid":[0.05,0.1,0.2,0.3],
             "losses":[[0.3,0.05],[0.3,0.2,0.1,0.2,0.1,0.05],[0.1]],"binEdges":[[0.85],[0.7,0.95],[]],
             "agreement":[false,true,false],
             "proceed":[[true,false],[true,true,false,true,false,false],[false]]}""";

    @Test
    void thresholdDocumentsAnswerLiveAsTheRuleAndTheReplaySay() {
        Profile first = firstSamples();
        FashionMnist samples = FashionMnist.demoSamples();
        ReplayEvaluator replay = ReplayEvaluator.of(first, "cpu");
        double[][] rules = {{0.9, 0.9, 0.8, 0.8}, {0.85, 0.85, 0.95, 0.7}};
        String[] documents = {STAGE_THRESHOLDS, AGREEMENT_THRESHOLDS};
        try (InferenceEngine engine = InferenceEngine.withDemo()) {
            for (int d = 0; d < documents.length; d++) {
                CompiledPolicy policy = CompiledPolicy.of(PolicyDocument.read(documents[d]));
                Outcomes expected = replay.replay(policy.policy(), ReplayEvaluator.NO_DEADLINE);
                for (int i = 0; i < samples.count(); i++) {
                    Prediction p = engine.execute(
                            policy.request("fashion-mnist", input(engine, samples, i), Long.MAX_VALUE, 0.5));
                    int answer = ruleAnswer(first.samples().get(i), rules[d]);
                    assertThat(p.trace().answeringStage())
                            .as("document %d sample %d", d, i)
                            .isEqualTo("exit" + (answer + 1));
                    assertThat(expected.answer()[i]).isEqualTo(answer);
                    assertThat(p.trace().stages()).hasSize(answer + 1);
                    assertThat(p.label() == samples.labels()[i]).isEqualTo(expected.correct()[i]);
                }
            }
        }
    }

    @Test
    void aMixOfTwoFamiliesFollowsEachRequestsCoinLiveAsInReplay() {
        Profile profile = DemoProfile.load();
        EstimatedCascade estimated = CascadeEstimator.estimate(profile.split(1).fit(), EstimationSettings.defaults());
        CascadePolicy recall = Solvers.recall(estimated.model(), 0.7).toPolicy(estimated.bins(), estimated.p99Nanos());
        CascadePolicy thresholds = PolicyDocument.read(AGREEMENT_THRESHOLDS).toPolicy();
        MixedPolicy mix = MixedPolicy.of(0.4, recall, thresholds);
        Profile first = firstSamples();
        FashionMnist samples = FashionMnist.demoSamples();
        // the replay draws one coin per sample from SplittableRandom(0); the live run draws the same
        Outcomes expected = ReplayEvaluator.of(first, "cpu").replay(mix, ReplayEvaluator.NO_DEADLINE);
        SplittableRandom coins = new SplittableRandom(0);
        try (InferenceEngine engine = InferenceEngine.withDemo()) {
            for (int i = 0; i < samples.count(); i++) {
                Prediction p = engine.execute(new InferenceRequest(
                        "fashion-mnist",
                        mix,
                        estimated.bins(),
                        input(engine, samples, i),
                        Long.MAX_VALUE,
                        coins.nextDouble()));
                assertThat(p.trace().answeringStage())
                        .as("sample %d", i)
                        .isEqualTo("exit" + (expected.answer()[i] + 1));
                assertThat(p.trace().stages()).hasSize(expected.stagesRun()[i]);
                assertThat(p.label() == samples.labels()[i]).isEqualTo(expected.correct()[i]);
            }
        }
    }

    private static Profile firstSamples() {
        Profile profile = DemoProfile.load();
        return profile.withSamples(
                profile.samples().subList(0, FashionMnist.demoSamples().count()));
    }

    private static InferenceInput input(InferenceEngine engine, FashionMnist samples, int i) {
        float[] pixels = engine.manifest("fashion-mnist").preprocessing().normalise(samples.image(i));
        return InferenceInput.tensor(new long[] {1, 28, 28}, pixels);
    }

    /** The threshold rule itself: the first stage whose confidence exceeds its threshold, else the last. */
    private static int ruleAnswer(ProfileSample s, double[] rule) {
        for (int i = 0; i < 2; i++) {
            boolean agrees = i > 0
                    && s.outputs().get(i).prediction() == s.outputs().get(i - 1).prediction();
            if (s.outputs().get(i).confidence() > rule[2 * i + (agrees ? 1 : 0)]) {
                return i;
            }
        }
        return 2;
    }
}
