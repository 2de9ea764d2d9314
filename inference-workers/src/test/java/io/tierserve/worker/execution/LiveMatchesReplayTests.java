package io.tierserve.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.estimation.CascadeEstimator;
import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.estimation.EstimationSettings;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.solver.Solvers;
import io.tierserve.worker.profiling.DemoProfile;
import io.tierserve.worker.training.FashionMnist;
import org.junit.jupiter.api.Test;

/** Solver policies executed live on the committed samples do what replaying the committed profile says. */
class LiveMatchesReplayTests {

    @Test
    void recallAndNoRecallPoliciesAnswerLiveExactlyAsReplayPredicts() {
        Profile profile = DemoProfile.load();
        EstimatedCascade estimated = CascadeEstimator.estimate(profile.split(1).fit(), EstimationSettings.defaults());
        FashionMnist samples = FashionMnist.demoSamples();
        Profile first = profile.withSamples(profile.samples().subList(0, samples.count()));
        ReplayEvaluator replay = ReplayEvaluator.of(first, "cpu");
        try (InferenceEngine engine = InferenceEngine.withDemo()) {
            for (double mu : new double[] {0.01, 0.7, 3}) {
                for (CascadePolicy policy : new CascadePolicy[] {
                    Solvers.recall(estimated.model(), mu).toPolicy(estimated.bins(), estimated.p99Nanos()),
                    Solvers.noRecall(estimated.model(), mu).toPolicy(estimated.bins(), estimated.p99Nanos())
                }) {
                    Metrics expected = replay.evaluate(policy);
                    int correct = 0;
                    int recalled = 0;
                    double stages = 0;
                    for (int i = 0; i < samples.count(); i++) {
                        float[] input =
                                engine.manifest("fashion-mnist").preprocessing().normalise(samples.image(i));
                        Prediction p = engine.execute(new InferenceRequest(
                                "fashion-mnist",
                                policy,
                                estimated.bins(),
                                InferenceInput.tensor(new long[] {1, 28, 28}, input),
                                Long.MAX_VALUE,
                                0.5));
                        correct += p.label() == samples.labels()[i] ? 1 : 0;
                        recalled += p.trace().recalled() ? 1 : 0;
                        stages += p.trace().stages().size();
                    }
                    assertThat(correct / (double) samples.count()).isEqualTo(expected.accuracy());
                    assertThat(recalled / (double) samples.count()).isEqualTo(expected.recallRate());
                    assertThat(stages / samples.count()).isEqualTo(expected.meanStagesRun());
                }
            }
        }
    }

    @Test
    void aTightDeadlineMakesTheSolverPolicyStopEarlierAndSaysSo() {
        Profile profile = DemoProfile.load();
        EstimatedCascade estimated = CascadeEstimator.estimate(profile.split(1).fit(), EstimationSettings.defaults());
        CascadePolicy everything =
                Solvers.recall(estimated.model(), 1e-6).toPolicy(estimated.bins(), estimated.p99Nanos());
        FashionMnist samples = FashionMnist.demoSamples();
        try (InferenceEngine engine = InferenceEngine.withDemo()) {
            float[] input = engine.manifest("fashion-mnist").preprocessing().normalise(samples.image(0));
            InferenceInput tensor = InferenceInput.tensor(new long[] {1, 28, 28}, input);
            Prediction free = engine.execute(
                    new InferenceRequest("fashion-mnist", everything, estimated.bins(), tensor, Long.MAX_VALUE, 0.5));
            // A budget below exit1's p99 leaves room for no stage by the policy's own rule.
            long tight = estimated.p99Nanos()[0] / 2;
            Prediction cut = engine.execute(
                    new InferenceRequest("fashion-mnist", everything, estimated.bins(), tensor, tight, 0.5));
            assertThat(free.trace().stages()).hasSizeGreaterThan(1);
            assertThat(cut.trace().stages()).hasSize(1);
            assertThat(cut.trace().deadlineHit()).isTrue();
        }
    }
}
