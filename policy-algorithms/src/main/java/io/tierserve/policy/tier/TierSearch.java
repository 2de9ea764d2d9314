package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.AccuracyGap;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.Outcomes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One family's plans for one deadline: the lower convex hull of its candidates on the fit half, and
 * the exact mix of two adjacent hull rules that meets a constraint (docs/algorithms.md#tiers).
 *
 * <p>The hull is the concave upper envelope of (cross-fitted mean latency, accuracy), kept up to the
 * most accurate rule: every point between two adjacent vertices is served by the mix {@code
 * p·first + (1 − p)·second}, which meets a constraint with equality on the fit half. Mixing rules of
 * different families is just as exact, since every candidate's outcomes cover the same samples.
 */
final class TierSearch {

    private final PolicyFamily family;
    private final CandidatePool pool;
    private final List<Candidate> hull;

    TierSearch(PolicyFamily family, CandidatePool pool) {
        this(family, pool, pool.of(family));
    }

    /** A search over given candidates ({@code pool} supplies held-out outcomes only). */
    TierSearch(PolicyFamily family, CandidatePool pool, List<Candidate> candidates) {
        this.family = family;
        this.pool = pool;
        this.hull = hull(candidates);
    }

    /** The upper-left hull of the candidates, fastest first, ending at the most accurate one. */
    static List<Candidate> hull(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        List<Candidate> sorted = new ArrayList<>(candidates);
        // ties: the more accurate first, so the hull keeps it
        sorted.sort(Comparator.comparingDouble(Candidate::latency)
                .thenComparing(Comparator.comparingDouble(Candidate::accuracy).reversed()));
        List<Candidate> upper = new ArrayList<>();
        for (Candidate c : sorted) {
            if (!upper.isEmpty() && upper.get(upper.size() - 1).latency() == c.latency()) {
                continue;
            }
            while (upper.size() >= 2
                    && !strictlyLeftTurn(upper.get(upper.size() - 2), upper.get(upper.size() - 1), c)) {
                upper.remove(upper.size() - 1);
            }
            upper.add(c);
        }
        int best = 0;
        for (int i = 1; i < upper.size(); i++) {
            if (upper.get(i).accuracy() > upper.get(best).accuracy()) {
                best = i;
            }
        }
        return List.copyOf(upper.subList(0, best + 1));
    }

    // b stays on the upper hull unless it lies strictly below the chord from a to c: a rule on the
    // chord is kept, so that a plan there is that rule (or a mix of its neighbours) rather than a mix
    // of two rules further apart that the fit half cannot tell from it
    private static boolean strictlyLeftTurn(Candidate a, Candidate b, Candidate c) {
        double cross = (b.latency() - a.latency()) * (c.accuracy() - a.accuracy())
                - (b.accuracy() - a.accuracy()) * (c.latency() - a.latency());
        return cross <= 1e-15;
    }

    List<Candidate> hull() {
        return hull;
    }

    Candidate fastest() {
        return hull.get(0);
    }

    Candidate mostAccurate() {
        return hull.get(hull.size() - 1);
    }

    /**
     * The plan meeting {@code accuracy >= aim} ({@code atLeast}) at the least latency, or {@code
     * latency <= aim} at the most accuracy, with equality where a mix is needed; {@code null} when no
     * hull point satisfies it.
     */
    Plan plan(ToDoubleFunction<Candidate> quantity, double aim, boolean atLeast) {
        if (atLeast) {
            for (int j = 0; j < hull.size(); j++) {
                double q = quantity.applyAsDouble(hull.get(j));
                if (q >= aim) {
                    if (j == 0) {
                        return Plan.of(hull.get(0));
                    }
                    double before = quantity.applyAsDouble(hull.get(j - 1));
                    return Plan.mix(hull.get(j), hull.get(j - 1), (aim - before) / (q - before));
                }
            }
            return null;
        }
        for (int j = hull.size() - 1; j >= 0; j--) {
            double q = quantity.applyAsDouble(hull.get(j));
            if (q <= aim) {
                if (j == hull.size() - 1) {
                    return Plan.of(hull.get(j));
                }
                double after = quantity.applyAsDouble(hull.get(j + 1));
                return Plan.mix(hull.get(j), hull.get(j + 1), (after - aim) / (after - q));
            }
        }
        return null;
    }

    /** Segments of the hull: the path of {@link #along} runs over {@code [0, segments()]}. */
    int segments() {
        return hull.size() - 1;
    }

    /**
     * The plan at position {@code t} of the hull path that starts at its safe end: the most accurate
     * rule ({@code atLeast}) or the fastest one. Position {@code k + f} ({@code 0 <= f < 1}) mixes the
     * {@code k}-th vertex from the safe end, with probability {@code 1 − f}, and the next one.
     */
    Plan along(double t, boolean atLeast) {
        int k = (int) Math.floor(Math.max(0, Math.min(t, segments())));
        double f = Math.max(0, Math.min(t, segments())) - k;
        Candidate from = vertexFromSafeEnd(k, atLeast);
        if (k == segments() || f <= 0) {
            return Plan.of(from);
        }
        return Plan.mix(from, vertexFromSafeEnd(k + 1, atLeast), 1 - f);
    }

    private Candidate vertexFromSafeEnd(int k, boolean atLeast) {
        return atLeast ? hull.get(hull.size() - 1 - k) : hull.get(k);
    }

    /** Mean latency and its upper bound on the fit half's cross-fitted outcomes (exact over a mix). */
    double[] fitLatency(Plan plan) {
        return latency(
                plan.p(),
                plan.first().planning(),
                plan.second() == null ? null : plan.second().planning());
    }

    /** Mean latency and its upper bound on the held-out half (exact over a mix). */
    double[] heldOutLatency(Plan plan) {
        return latency(
                plan.p(), pool.heldOut(plan.first()), plan.second() == null ? null : pool.heldOut(plan.second()));
    }

    // the mean and the normal upper bound of Metrics#meanLatencyHighMs (same arithmetic), without the percentiles
    private static double[] latency(double p, Outcomes a, Outcomes b) {
        int n = a.size();
        double[] sa = sums(a);
        double mean = p * (sa[0] / n);
        double secondMoment = p * (sa[1] / n);
        if (b != null) {
            double[] sb = sums(b);
            mean += (1 - p) * (sb[0] / n);
            secondMoment += (1 - p) * (sb[1] / n);
        }
        double variance = Math.max(0, secondMoment - mean * mean);
        double halfWidth = n > 1 ? Z * Math.sqrt(variance / (n - 1)) : Double.POSITIVE_INFINITY;
        return new double[] {mean, mean + halfWidth};
    }

    private static double[] sums(Outcomes o) {
        double sum = 0;
        double squares = 0;
        for (double l : o.latencyMs()) {
            sum += l;
            squares += l * l;
        }
        return new double[] {sum, squares};
    }

    private static final double Z = 1.959963984540054;

    Metrics fitMetrics(Plan plan) {
        return plan.second() == null
                ? plan.first().fit()
                : Outcomes.mix(plan.p(), plan.first().planning(), plan.second().planning());
    }

    Metrics heldOutMetrics(Plan plan) {
        return plan.second() == null
                ? pool.heldOut(plan.first()).metrics()
                : Outcomes.mix(plan.p(), pool.heldOut(plan.first()), pool.heldOut(plan.second()));
    }

    /** How much less accurate than {@code reference} (per held-out sample) the plan is, with its bound. */
    AccuracyGap heldOutGap(Plan plan, boolean[] reference) {
        Outcomes second = plan.second() == null ? null : pool.heldOut(plan.second());
        return AccuracyGap.of(plan.p(), pool.heldOut(plan.first()), second, reference);
    }

    /** The same on the fit half's cross-fitted outcomes, to size the held-out margin. */
    AccuracyGap fitGap(Plan plan, boolean[] reference) {
        Outcomes second = plan.second() == null ? null : plan.second().planning();
        return AccuracyGap.of(plan.p(), plan.first().planning(), second, reference);
    }

    PolicyFamily family() {
        return family;
    }

    int fitSamples() {
        return pool.fitSamples();
    }

    int heldOutSamples() {
        return pool.heldOutSamples();
    }
}
