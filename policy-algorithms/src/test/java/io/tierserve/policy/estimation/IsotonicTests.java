package io.tierserve.policy.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.synthetic.SyntheticProfiles;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Isotonic bin error rates: by hand, against every contiguous pooling, and in the estimated model. */
class IsotonicTests {

    @Test
    void aViolatingPairIsPooledAndTheRestIsKept() {
        // rates 0.1, 0.3, 0.2, 0.0 over 10 samples each: 0.1 < 0.3 violates; pooled 4/20 = 0.2,
        // which 0.2 and 0.0 after it do not violate
        double[] out = Isotonic.nonIncreasing(new double[] {1, 3, 2, 0}, new double[] {10, 10, 10, 10}, 0, 4);

        assertThat(out).containsExactly(new double[] {2, 2, 2, 0}, within(1e-12));
    }

    @Test
    void onlyTheRangeIsFittedAndEmptyBinsKeepNoErrors() {
        // agreement states: [0, 3) and [3, 6) are fitted apart
        double[] errors = {0, 2, 0, 5, 1, 4};
        double[] counts = {4, 4, 0, 10, 10, 10};

        double[] first = Isotonic.nonIncreasing(errors, counts, 0, 3);
        double[] both = Isotonic.nonIncreasing(first, counts, 3, 6);

        // 0/4 < 2/4: pooled 2/8 = 0.25 each; the empty bin keeps 0 errors
        assertThat(first).containsExactly(new double[] {1, 1, 0, 5, 1, 4}, within(1e-12));
        // 0.5, 0.1, 0.4: 0.1 < 0.4 pooled to 0.25
        assertThat(both).containsExactly(new double[] {1, 1, 0, 5, 2.5, 2.5}, within(1e-12));
    }

    @Test
    void theFitIsTheBestNonIncreasingPoolingOfContiguousBins() {
        SplittableRandom random = new SplittableRandom(13);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(7);
            double[] counts = new double[n];
            double[] errors = new double[n];
            for (int b = 0; b < n; b++) {
                counts[b] = 1 + random.nextInt(20);
                errors[b] = random.nextInt((int) counts[b] + 1);
            }

            double[] fitted = Isotonic.nonIncreasing(errors, counts, 0, n);

            double total = 0;
            for (int b = 0; b < n; b++) {
                total += fitted[b] - errors[b];
                if (b > 0) {
                    assertThat(fitted[b] / counts[b]).isLessThanOrEqualTo(fitted[b - 1] / counts[b - 1] + 1e-12);
                }
            }
            assertThat(total).isCloseTo(0, within(1e-9));
            assertThat(sse(fitted, errors, counts)).isCloseTo(bestPooling(errors, counts), within(1e-9));
        }
    }

    @Test
    void isotonicModelLossesFallWithConfidenceAndKeepEachStagesErrorRate() {
        Profile profile = SyntheticProfiles.generate(SyntheticProfiles.benchmark(4), 3_000, 7);
        // no prior and no transition smoothing, so that a state's loss is its pooled error rate and
        // the transitions carry the empirical state shares
        EstimationSettings settings = new EstimationSettings(16, 0, 1e-9, 0, null).withIsotonic(true);

        EstimatedCascade estimated = CascadeEstimator.estimate(profile, settings);

        MarkovCascade model = estimated.model();
        for (int v = 0; v < profile.stageCount(); v++) {
            double weighted = 0;
            double[] marginal = stageMarginal(model, v);
            for (int b = 0; b < model.states(v); b++) {
                double loss = model.loss(v, b);
                weighted += marginal[b] * loss;
                if (b > 0) {
                    assertThat(loss).as("stage %d bin %d", v, b).isLessThanOrEqualTo(model.loss(v, b - 1) + 1e-12);
                }
            }
            int wrong = 0;
            for (var s : profile.samples()) {
                wrong += s.correct(v) ? 0 : 1;
            }
            assertThat(weighted).isCloseTo((double) wrong / profile.sampleCount(), within(1e-6));
        }
    }

    // the share of samples in each state of stage v
    private static double[] stageMarginal(MarkovCascade model, int v) {
        double[] dist = model.initial(0);
        for (int u = 1; u <= v; u++) {
            double[] next = new double[model.states(u)];
            for (int a = 0; a < dist.length; a++) {
                for (int b = 0; b < next.length; b++) {
                    next[b] += dist[a] * model.transition(u)[a][b];
                }
            }
            dist = next;
        }
        return dist;
    }

    private static double sse(double[] fitted, double[] errors, double[] counts) {
        double sum = 0;
        for (int b = 0; b < errors.length; b++) {
            double d = fitted[b] / counts[b] - errors[b] / counts[b];
            sum += counts[b] * d * d;
        }
        return sum;
    }

    // every split into contiguous blocks whose pooled rates do not increase; the least weighted error
    private static double bestPooling(double[] errors, double[] counts) {
        int n = errors.length;
        double best = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << (n - 1); mask++) {
            double[] fitted = new double[n];
            double previous = Double.POSITIVE_INFINITY;
            boolean ok = true;
            int start = 0;
            for (int b = 0; b < n && ok; b++) {
                if (b == n - 1 || (mask & (1 << b)) != 0) {
                    double e = 0;
                    double c = 0;
                    for (int j = start; j <= b; j++) {
                        e += errors[j];
                        c += counts[j];
                    }
                    double rate = e / c;
                    ok = rate <= previous + 1e-12;
                    previous = rate;
                    for (int j = start; j <= b; j++) {
                        fitted[j] = rate * counts[j];
                    }
                    start = b + 1;
                }
            }
            if (ok) {
                best = Math.min(best, sse(fitted, errors, counts));
            }
        }
        return best;
    }
}
