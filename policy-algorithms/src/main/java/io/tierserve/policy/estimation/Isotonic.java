package io.tierserve.policy.estimation;

/**
 * Weighted isotonic regression by pool-adjacent-violators (docs/algorithms.md#from-a-profile-to-the-model).
 *
 * <p>Bins of rising confidence should not have rising error rates; where sampling noise makes them
 * do, adjacent bins are pooled until the rates are non-increasing. The result is the
 * count-weighted least-squares fit of the rates among non-increasing sequences, and it keeps every
 * pooled block's total error count, so the stage's overall error rate is unchanged.
 */
final class Isotonic {

    private Isotonic() {}

    /**
     * Error counts whose rates {@code errors[b] / counts[b]} are non-increasing over {@code [from,
     * to)}: each bin gets its block's pooled rate times its own count; bins without samples take
     * their neighbours' rate and keep zero errors. Entries outside the range are copied.
     */
    static double[] nonIncreasing(double[] errors, double[] counts, int from, int to) {
        double[] out = errors.clone();
        int n = to - from;
        double[] blockErrors = new double[n];
        double[] blockCounts = new double[n];
        int[] blockEnd = new int[n];
        int blocks = 0;
        for (int b = from; b < to; b++) {
            if (counts[b] <= 0) {
                continue;
            }
            blockErrors[blocks] = errors[b];
            blockCounts[blocks] = counts[b];
            blockEnd[blocks] = b + 1;
            blocks++;
            // a later block with a higher rate than the one before it violates the order: pool them
            while (blocks >= 2
                    && blockErrors[blocks - 1] * blockCounts[blocks - 2]
                            > blockErrors[blocks - 2] * blockCounts[blocks - 1]) {
                blockErrors[blocks - 2] += blockErrors[blocks - 1];
                blockCounts[blocks - 2] += blockCounts[blocks - 1];
                blockEnd[blocks - 2] = blockEnd[blocks - 1];
                blocks--;
            }
        }
        int b = from;
        for (int j = 0; j < blocks; j++) {
            double rate = blockErrors[j] / blockCounts[j];
            for (; b < blockEnd[j]; b++) {
                out[b] = rate * counts[b];
            }
        }
        return out;
    }
}
