package io.tierserve.policy.evaluation;

/**
 * How much less accurate a rule is than a reference stage on the same samples, with a bound.
 *
 * <p>Per sample {@code d = correct(rule) − correct(reference)} (a mixture's rule contributes its
 * expected correctness), {@code gap = −mean(d)}; the 97.5 % one-sided upper bound is {@code gap +
 * z·sd(d)/√n} (normal approximation, two-sided 95 % like the bounds of {@link Metrics}).
 *
 * <p>Pairing is what makes a relative promise ("at most ε below the best stage") testable: only the
 * samples on which the two answers differ in correctness carry variance, so a rule that almost
 * always agrees with the reference gets a tight bound, while comparing two independent Wilson
 * intervals would charge both samples' full binomial noise — a bound that even the reference itself
 * misses.
 *
 * @param gap accuracy of the reference minus accuracy of the rule (negative: the rule is better)
 * @param gapHigh the upper bound of {@code gap}
 * @param samples number of paired samples
 */
public record AccuracyGap(double gap, double gapHigh, int samples) {

    private static final double Z = 1.959963984540054;

    /**
     * The gap of serving {@code a} with probability {@code p}, else {@code b}, against {@code
     * reference} on the same samples ({@code b} may be null when {@code p} is 1).
     */
    public static AccuracyGap of(double p, Outcomes a, Outcomes b, boolean[] reference) {
        int n = reference.length;
        if (a.size() != n || (b != null && b.size() != n)) {
            throw new IllegalArgumentException("paired outcomes must cover the reference's samples");
        }
        double[] correct = new double[n];
        for (int s = 0; s < n; s++) {
            correct[s] = p * (a.correct()[s] ? 1 : 0) + (b == null ? 0 : (1 - p) * (b.correct()[s] ? 1 : 0));
        }
        return of(correct, reference);
    }

    /** The gap of a deterministic rule whose per-sample correctness is {@code rule}. */
    public static AccuracyGap of(boolean[] rule, boolean[] reference) {
        if (rule.length != reference.length) {
            throw new IllegalArgumentException("paired outcomes must cover the reference's samples");
        }
        double[] correct = new double[rule.length];
        for (int s = 0; s < rule.length; s++) {
            correct[s] = rule[s] ? 1 : 0;
        }
        return of(correct, reference);
    }

    private static AccuracyGap of(double[] correct, boolean[] reference) {
        int n = reference.length;
        if (n == 0) {
            throw new IllegalArgumentException("no samples to compare");
        }
        double sum = 0;
        double sumSquares = 0;
        for (int s = 0; s < n; s++) {
            double d = correct[s] - (reference[s] ? 1 : 0);
            sum += d;
            sumSquares += d * d;
        }
        double mean = sum / n;
        double variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
        // 0.0 - mean, not -mean: a rule equal to the reference has gap 0, not -0
        double gap = 0.0 - mean;
        return new AccuracyGap(gap, gap + Z * Math.sqrt(variance / n), n);
    }

    /** Whether the bound shows the rule at most {@code tolerance} below the reference. */
    public boolean within(double tolerance) {
        return gapHigh <= tolerance + 1e-12;
    }
}
