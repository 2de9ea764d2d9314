package io.tierserve.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.baseline.SingleStagePolicy;
import io.tierserve.policy.baseline.ThresholdPolicy;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;
import org.junit.jupiter.api.Test;

class ReplayEvaluatorTests {

    private final ReplayEvaluator evaluator = ReplayEvaluator.of(TinyProfile.profile(), null);

    @Test
    void thresholdReplayMatchesTheHandComputedAccuracyLatencyAndShares() {
        Metrics m = evaluator.evaluate(new ThresholdPolicy(3, TinyProfile.PATH, 0.85, null));

        assertThat(m.accuracy()).isEqualTo(0.75);
        assertThat(m.meanLatencyMs()).isEqualTo(5.5);
        assertThat(m.p50LatencyMs()).isEqualTo(7.0);
        assertThat(m.p99LatencyMs()).isEqualTo(7.0);
        assertThat(m.answerShare()).containsExactly(0.25, 0.0, 0.75);
        assertThat(m.recallRate()).isZero();
        assertThat(m.meanStagesRun()).isEqualTo(2.5);
    }

    @Test
    void percentilesAreNearestRank() {
        Metrics m = evaluator.evaluate(new ThresholdPolicy(3, TinyProfile.PATH, 0.75, null));

        // Latencies 1, 3, 7, 7.
        assertThat(m.meanLatencyMs()).isEqualTo(4.5);
        assertThat(m.p50LatencyMs()).isEqualTo(3.0);
        assertThat(m.p95LatencyMs()).isEqualTo(7.0);
    }

    @Test
    void aDeadlineStopsBeforeAStageWhoseP99DoesNotFit() {
        Metrics m = evaluator.evaluate(
                new ThresholdPolicy(3, TinyProfile.PATH, 0.85, TinyProfile.P99_NANOS),
                ReplayEvaluator.deadlineNanos(4.0));

        // After stage 1 (1 ms) 3 ms remain and stage 2's p99 is 4 ms: everyone answers with stage 1.
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(m.meanLatencyMs()).isEqualTo(1.0);
        assertThat(m.answerShare()).containsExactly(1.0, 0.0, 0.0);
    }

    @Test
    void recallIsCountedWhenTheAnswerIsAnEarlierStage() {
        Metrics m = evaluator.evaluate(new RunAllAnswerFirst());

        assertThat(m.recallRate()).isEqualTo(1.0);
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(m.meanLatencyMs()).isEqualTo(7.0);
    }

    @Test
    void mixtureIsEvaluatedExactlyNotByCoinDraws() {
        Metrics m = evaluator.evaluateMix(
                0.25,
                new SingleStagePolicy(3, TinyProfile.PATH, 0, null),
                new SingleStagePolicy(3, TinyProfile.PATH, 2, null),
                ReplayEvaluator.NO_DEADLINE);

        assertThat(m.accuracy()).isCloseTo(0.25 * 0.5 + 0.75 * 0.75, within(1e-12));
        assertThat(m.meanLatencyMs()).isCloseTo(0.25 * 1 + 0.75 * 7, within(1e-12));
        assertThat(m.answerShare()).containsExactly(new double[] {0.25, 0, 0.75}, within(1e-12));
        // Latency 1 carries weight 0.25, latency 7 weight 0.75.
        assertThat(m.p50LatencyMs()).isEqualTo(7.0);
    }

    @Test
    void oracleAnswersWithTheCheapestCorrectStage() {
        Metrics m = evaluator.oracle(TinyProfile.PATH);

        // A and D are right at s1 (1 ms), B at s2 (3 ms), C only at s3 (7 ms).
        assertThat(m.accuracy()).isEqualTo(1.0);
        assertThat(m.meanLatencyMs()).isEqualTo(3.0);
        assertThat(m.answerShare()).containsExactly(0.5, 0.25, 0.25);
    }

    @Test
    void boundsContainTheEstimateAndWidenOnFewSamples() {
        Metrics m = evaluator.evaluate(new ThresholdPolicy(3, TinyProfile.PATH, 0.85, null));

        assertThat(m.accuracyLow()).isLessThan(0.75).isGreaterThan(0.0);
        assertThat(m.accuracyHigh()).isGreaterThan(0.75).isLessThanOrEqualTo(1.0);
        assertThat(m.meanLatencyHighMs()).isGreaterThan(5.5);
        assertThat(MetricsCalculator.wilson(0.75, 4)[0]).isCloseTo(0.3006, within(1e-3));
    }

    @Test
    void wilsonBoundsTouchTheBoundaryExactlyAtZeroAndOne() {
        assertThat(MetricsCalculator.wilson(0, 150)[0]).isZero();
        assertThat(MetricsCalculator.wilson(1, 150)[1]).isEqualTo(1.0);
        assertThat(MetricsCalculator.wilson(1, 150)[0]).isCloseTo(0.975, within(1e-3));
    }

    @Test
    void rejectsAPolicyThatRunsAStageBeforeItsParent() {
        CascadePolicy skipping = new CascadePolicy() {
            @Override
            public int stageCount() {
                return 3;
            }

            @Override
            public CascadeWalk newWalk() {
                RunAllAnswerFirst.Walk walk = new RunAllAnswerFirst.Walk();
                walk.start = 1;
                return walk;
            }
        };

        assertThatThrownBy(() -> evaluator.evaluate(skipping))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("out of order");
    }

    @Test
    void anEvaluatorAllowingSkipsChargesOnlyTheStagesThatRan() {
        CascadePolicy firstThenLast = new CascadePolicy() {
            @Override
            public int stageCount() {
                return 3;
            }

            @Override
            public CascadeWalk newWalk() {
                return new SkipMiddle();
            }
        };

        assertThatThrownBy(() -> evaluator.evaluate(firstThenLast)).hasMessageContaining("out of order");
        Metrics m = evaluator.allowingSkips().evaluate(firstThenLast);
        // Stages s1 (1 ms) and s3 (4 ms) on every sample; s3 is right on A, B and C.
        assertThat(m.meanLatencyMs()).isEqualTo(5.0);
        assertThat(m.meanStagesRun()).isEqualTo(2.0);
        assertThat(m.accuracy()).isEqualTo(0.75);
        assertThat(m.answerShare()).containsExactly(0.0, 0.0, 1.0);
    }

    @Test
    void aPolicyThatRunsNoStageIsAnsweredByTheFirstStageAsTheExecutorDoes() {
        // a deadline tighter than every stage: the walk stops at once, yet a request needs an answer
        CascadePolicy none = new CascadePolicy() {
            @Override
            public int stageCount() {
                return 3;
            }

            @Override
            public CascadeWalk newWalk() {
                return new CascadeWalk() {
                    @Override
                    public void start(double coin) {}

                    @Override
                    public int next(long remainingNanos) {
                        return STOP;
                    }

                    @Override
                    public void reveal(int stage, int prediction, double confidence) {}

                    @Override
                    public int answer() {
                        return STOP;
                    }
                };
            }
        };

        Metrics m = evaluator.evaluate(none);
        assertThat(m.meanStagesRun()).isEqualTo(1.0);
        assertThat(m.meanLatencyMs()).isEqualTo(1.0);
        assertThat(m.answerShare()).containsExactly(1.0, 0.0, 0.0);
    }

    /** Runs stage 0, then stage 2, and answers with stage 2. */
    private static final class SkipMiddle implements CascadeWalk {
        private int last;

        @Override
        public void start(double coin) {
            last = -1;
        }

        @Override
        public int next(long remainingNanos) {
            return last == -1 ? 0 : last == 0 ? 2 : CascadePolicy.STOP;
        }

        @Override
        public void reveal(int stage, int prediction, double confidence) {
            last = stage;
        }

        @Override
        public int answer() {
            return last;
        }
    }

    /** Runs every stage and answers with the first: recall on every request. */
    private static final class RunAllAnswerFirst implements CascadePolicy {

        @Override
        public int stageCount() {
            return 3;
        }

        @Override
        public CascadeWalk newWalk() {
            return new Walk();
        }

        static final class Walk implements CascadeWalk {
            int next;
            int start;

            @Override
            public void start(double coin) {
                next = start;
            }

            @Override
            public int next(long remainingNanos) {
                return next < 3 ? next : STOP;
            }

            @Override
            public void reveal(int stage, int prediction, double confidence) {
                next = stage + 1;
            }

            @Override
            public int answer() {
                return 0;
            }
        }
    }
}
