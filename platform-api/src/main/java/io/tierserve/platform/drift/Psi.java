package io.tierserve.platform.drift;

/**
 * The population stability index of a live bin distribution against an expected one.
 *
 * <p>{@code PSI = Σ_b (a_b − e_b) · ln(a_b / e_b)}, where {@code a_b} and {@code e_b} are the
 * live and expected shares of bin {@code b}, each raised to at least {@code ε} so that an empty
 * bin contributes a large but finite term. It is the symmetric Kullback–Leibler divergence
 * {@code KL(a‖e) + KL(e‖a)}: 0 for identical distributions; the usual reading is below 0.1 stable,
 * 0.1–0.2 a moderate shift, above 0.2 a significant one. Sampling noise alone gives about
 * {@code (bins − 1) / n} for {@code n} live samples (the χ² approximation), hence a minimum count
 * and few bins: the policy's quantile bins are merged into at most {@code psi-bins} adjacent groups
 * ({@link #merge}); for quantile bins the groups have nearly equal expected shares, as PSI's usual
 * deciles do.
 */
final class Psi {

    private Psi() {}

    /** Merges adjacent bins into at most {@code groups}: bin {@code b} of {@code n} goes to {@code b · groups / n}. */
    static long[] merge(long[] bins, int groups) {
        if (bins.length <= groups) {
            return bins.clone();
        }
        long[] merged = new long[groups];
        for (int b = 0; b < bins.length; b++) {
            merged[(int) ((long) b * groups / bins.length)] += bins[b];
        }
        return merged;
    }

    /** {@link #merge(long[], int)} for shares. */
    static double[] merge(double[] bins, int groups) {
        if (bins.length <= groups) {
            return bins.clone();
        }
        double[] merged = new double[groups];
        for (int b = 0; b < bins.length; b++) {
            merged[(int) ((long) b * groups / bins.length)] += bins[b];
        }
        return merged;
    }

    /**
     * @param live live counts per bin
     * @param expected expected shares per bin (summing to 1), same length
     * @return the index, or NaN when there are no live counts
     */
    static double of(long[] live, double[] expected, double epsilon) {
        if (live.length != expected.length) {
            throw new IllegalArgumentException("live and expected need the same bins");
        }
        long total = 0;
        for (long count : live) {
            total += count;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int b = 0; b < live.length; b++) {
            double a = Math.max((double) live[b] / total, epsilon);
            double e = Math.max(expected[b], epsilon);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}
