package io.tierserve.policy.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.profile.StageLatency;
import io.tierserve.policy.profile.StageOutput;
import io.tierserve.policy.solver.Solution;
import io.tierserve.policy.solver.Solvers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Agreement-aware states: a generator whose cells (bin, agrees with the parent) have losses and
 * transitions known in closed form, and the executor's mapping of (confidence, prediction, parent's
 * prediction) to state.
 *
 * <p>Generator (label 0): stage 1's bin {@code a} is uniform over 2 bins (confidence 0.3 / 0.8) and
 * it is right with probability {@code ACC1[a]}, else predicts 1; stage 2's bin {@code b} follows
 * {@code Q[a]}, it is right with probability {@code ACC2[b]} independently, else predicts 1 or 2
 * with equal odds. Stage 2 agrees with stage 1 when both are right or both predict 1.
 */
class AgreementStatesTests {

    private static final double[] ACC1 = {0.5, 0.9};
    private static final double[] ACC2 = {0.6, 0.95};
    private static final double[][] Q = {{0.7, 0.3}, {0.3, 0.7}};
    private static final double[] CONFIDENCE = {0.3, 0.8};

    private static Profile generate(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ProfileSample> out = new ArrayList<>(samples);
        for (int s = 0; s < samples; s++) {
            int a = random.nextInt(2);
            int p1 = random.nextDouble() < ACC1[a] ? 0 : 1;
            int b = random.nextDouble() < Q[a][0] ? 0 : 1;
            int p2 = random.nextDouble() < ACC2[b] ? 0 : 1 + random.nextInt(2);
            out.add(new ProfileSample(
                    0, List.of(new StageOutput(p1, CONFIDENCE[a]), new StageOutput(p2, CONFIDENCE[b]))));
        }
        return new Profile(1, "agree", "cpu", List.of(), List.of(stage("s1", null, 1), stage("s2", "s1", 3)), out);
    }

    private static ProfileStage stage(String id, String parent, double p50) {
        return new ProfileStage(id, parent, Map.of("cpu", new StageLatency(p50, p50, 2 * p50)));
    }

    /** Pr(stage 2 agrees with stage 1 | stage 1 bin a, stage 2 bin b). */
    private static double agree(int a, int b) {
        return ACC1[a] * ACC2[b] + (1 - ACC1[a]) * (1 - ACC2[b]) * 0.5;
    }

    @Test
    void estimationWithAgreementRecoversTheCellLossesAndTransitionsOfAKnownGenerator() {
        MarkovCascade model = CascadeEstimator.estimate(
                        generate(80_000, 3),
                        EstimationSettings.defaults().withBins(2).withAgreement(true))
                .model();

        assertThat(model.states(0)).isEqualTo(2);
        assertThat(model.states(1)).isEqualTo(4);
        for (int a = 0; a < 2; a++) {
            assertThat(model.loss(0, a)).isCloseTo(1 - ACC1[a], within(0.02));
            for (int b = 0; b < 2; b++) {
                double agrees = agree(a, b);
                assertThat(model.transition(1)[a][b]).isCloseTo(Q[a][b] * (1 - agrees), within(0.02));
                assertThat(model.transition(1)[a][2 + b]).isCloseTo(Q[a][b] * agrees, within(0.02));
            }
        }
        for (int b = 0; b < 2; b++) {
            double wrongAgree = 0;
            double agreeMass = 0;
            double wrongDisagree = 0;
            double disagreeMass = 0;
            for (int a = 0; a < 2; a++) {
                double w = 0.5 * Q[a][b];
                double bothWrongSame = (1 - ACC1[a]) * (1 - ACC2[b]) * 0.5;
                wrongAgree += w * bothWrongSame;
                agreeMass += w * agree(a, b);
                wrongDisagree += w * ((1 - ACC2[b]) - bothWrongSame);
                disagreeMass += w * (1 - agree(a, b));
            }
            assertThat(model.loss(1, b)).isCloseTo(wrongDisagree / disagreeMass, within(0.02));
            assertThat(model.loss(1, 2 + b)).isCloseTo(wrongAgree / agreeMass, within(0.02));
        }
    }

    @Test
    void agreementPoliciesDecideIdenticallyAfterADocumentAndJsonRoundTrip() {
        Profile profile = generate(4_000, 5);
        EstimatedCascade estimated = CascadeEstimator.estimate(
                profile, EstimationSettings.defaults().withBins(2).withAgreement(true));
        for (double mu : new double[] {0.001, 0.01, 0.05, 0.2}) {
            for (Solution solution :
                    List.of(Solvers.recall(estimated.model(), mu), Solvers.noRecall(estimated.model(), mu))) {
                PolicyDocument document = solution.toDocument(estimated.bins(), estimated.p99Nanos());
                assertThat(document.formatVersion()).isEqualTo(PolicyDocument.FORMAT_VERSION_AGREEMENT);
                assertThat(document.agreement()).containsExactly(false, true);
                CascadePolicy direct = solution.toPolicy(estimated.bins(), estimated.p99Nanos());
                CascadePolicy read = PolicyDocument.read(document.write()).toPolicy();
                for (ProfileSample sample : profile.samples()) {
                    assertThat(replay(read, sample)).isEqualTo(replay(direct, sample));
                }
            }
        }
    }

    @Test
    void theWalkMapsDisagreementWithTheParentToTheDisagreeState() {
        EstimatedCascade estimated = CascadeEstimator.estimate(
                generate(20_000, 9), EstimationSettings.defaults().withBins(2).withAgreement(true));
        MarkovCascade model = estimated.model();
        // With mu tiny both stages run; the answer is the stage with the smaller loss of its state.
        CascadePolicy policy = PolicyDocument.read(Solvers.recall(model, 1e-6)
                        .toDocument(estimated.bins(), null)
                        .write())
                .toPolicy();
        CascadeWalk walk = policy.newWalk();
        for (int p2 : new int[] {0, 1}) {
            walk.start(0.5);
            assertThat(walk.next(Long.MAX_VALUE)).isZero();
            walk.reveal(0, 0, 0.3);
            assertThat(walk.next(Long.MAX_VALUE)).isEqualTo(1);
            walk.reveal(1, p2, 0.3);
            int stage2State = p2 == 0 ? 2 : 0;
            int expected = model.lossIndex(1, stage2State) < model.lossIndex(0, 0) ? 1 : 0;
            assertThat(walk.answer()).isEqualTo(expected);
        }
        assertThat(model.loss(1, 2)).isLessThan(model.loss(0, 0));
        assertThat(model.loss(1, 0)).isGreaterThan(model.loss(0, 0));
    }

    private static List<Integer> replay(CascadePolicy policy, ProfileSample sample) {
        CascadeWalk walk = policy.newWalk();
        walk.start(0.5);
        List<Integer> run = new ArrayList<>();
        for (int s = walk.next(Long.MAX_VALUE); s != CascadePolicy.STOP; s = walk.next(Long.MAX_VALUE)) {
            run.add(s);
            walk.reveal(
                    s,
                    sample.outputs().get(s).prediction(),
                    sample.outputs().get(s).confidence());
        }
        run.add(-100 - walk.answer());
        return run;
    }
}
