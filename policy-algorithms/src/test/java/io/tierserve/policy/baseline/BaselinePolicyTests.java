package io.tierserve.policy.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.evaluation.TinyProfile;
import org.junit.jupiter.api.Test;

class BaselinePolicyTests {

    private final ReplayEvaluator evaluator = ReplayEvaluator.of(TinyProfile.profile(), null);

    @Test
    void singleStageRunsThePathUpToItsStageAndAnswersWithIt() {
        Metrics first = evaluator.evaluate(new SingleStagePolicy(3, TinyProfile.PATH, 0, null));
        Metrics second = evaluator.evaluate(new SingleStagePolicy(3, TinyProfile.PATH, 1, null));
        Metrics last = evaluator.evaluate(new SingleStagePolicy(3, TinyProfile.PATH, 2, null));

        assertThat(first.accuracy()).isEqualTo(0.5);
        assertThat(first.meanLatencyMs()).isEqualTo(1.0);
        assertThat(second.accuracy()).isEqualTo(0.5);
        assertThat(second.meanLatencyMs()).isEqualTo(3.0);
        assertThat(second.answerShare()).containsExactly(0.0, 1.0, 0.0);
        assertThat(last.accuracy()).isEqualTo(0.75);
        assertThat(last.meanLatencyMs()).isEqualTo(7.0);
    }

    @Test
    void thresholdReturnsTheFirstConfidentStage() {
        Metrics m = evaluator.evaluate(new ThresholdPolicy(3, TinyProfile.PATH, 0.75, null));

        // A stops at s1 (.90), B at s2 (.80), C and D run to s3.
        assertThat(m.answerShare()).containsExactly(0.25, 0.25, 0.5);
        assertThat(m.accuracy()).isEqualTo(0.75);
    }

    @Test
    void patienceOneStopsWhenTwoConsecutiveStagesAgree() {
        Metrics m = evaluator.evaluate(new PatiencePolicy(3, TinyProfile.PATH, 1, null));

        // A agrees at s2 (right), B at s3 (right), C at s2 on the wrong class, D at s3 (wrong).
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(m.meanLatencyMs()).isEqualTo(5.0);
        assertThat(m.answerShare()).containsExactly(0.0, 0.5, 0.5);
    }

    @Test
    void patienceTwoNeedsThreeAgreeingStages() {
        Metrics m = evaluator.evaluate(new PatiencePolicy(3, TinyProfile.PATH, 2, null));

        assertThat(m.meanLatencyMs()).isEqualTo(7.0);
        assertThat(m.accuracy()).isEqualTo(0.75);
    }

    @Test
    void deepestPathOfAnOutTreeFollowsTheLongestBranch() {
        // 0 -> 1, 0 -> 2 -> 3 -> 4, 1 -> 5
        assertThat(CascadePaths.deepestPath(new int[] {-1, 0, 0, 2, 3, 1})).containsExactly(0, 2, 3, 4);
        assertThat(CascadePaths.deepestPath(new int[] {-1, 0, 1})).containsExactly(0, 1, 2);
    }
}
