package io.tierserve.policy.solver;

import io.tierserve.policy.model.MarkovCascade;

/**
 * The recall-optimal policy of a line by the backward dynamic program of ALGORITHMS.md §3 (T-Tamer,
 * the index theorem for cascades with recall).
 *
 * <pre>
 * W_n(x, r) = x
 * G_i(x, r) = mu c_i + Σ_b P_i[r][b] W_{i+1}(min(x, loss_i(b)), b)
 * W_i(x, r) = min(x, G_i(x, r))
 * </pre>
 *
 * <p>{@code x - G_i(x, r)} is non-decreasing in {@code x}, so the stop set of {@code (i, r)} is a
 * prefix of the grid: stored as the integer threshold {@code thr(i, r)}, stop iff the grid index of
 * {@code x} is {@code <= thr} (ties stop, see {@link Ties}). Since {@code x <= loss_{i-1}(r)} at that
 * point, thresholds are capped there: a larger one is unobservable.
 *
 * <p>Work per stage is {@code O(m² · |V|)} in the worst case, but each term touches only the grid
 * indices where it is not a closed form: below {@code W_{i+1}}'s own threshold the value is {@code
 * x} (a coefficient, summed by a difference array) and at or above {@code loss_i(b)} it is a
 * constant (a second difference array). Only {@code thr_{i+1}(b) < x < loss_i(b)}, {@code x <=
 * loss_{i-1}(r)} is summed densely; rows of {@code W} are stored only there. The expected cost of
 * the policy rides along in a second table {@code K} with the same structure.
 */
final class LineRecallSolver {

    private LineRecallSolver() {}

    static IndexSolution solve(MarkovCascade model, double mu) {
        int n = model.stageCount();
        double[] grid = model.grid();
        int g = grid.length;
        int[][] thresholds = new int[n][];
        thresholds[0] = new int[] {-1};

        // Level i+1 tables, rows indexed by the state b of stage i: W_{i+1}(x, b) for x in [lo[b], hi[b]].
        int last = n - 1;
        int[] lo = new int[model.states(last)];
        double[][] wRows = new double[lo.length][];
        double[][] kRows = new double[lo.length][];
        for (int b = 0; b < lo.length; b++) {
            lo[b] = model.lossIndex(last, b) + 1;
            wRows[b] = new double[0];
            kRows[b] = new double[0];
        }

        double[] acc = new double[g + 1];
        double[] accK = new double[g + 1];
        double[] coefDiff = new double[g + 1];
        double[] constW = new double[g + 1];
        double[] constK = new double[g + 1];

        for (int i = n - 1; i >= 1; i--) {
            int parentStates = model.states(i - 1);
            int states = model.states(i);
            double[][] p = model.transition(i);
            double scaledCost = mu * model.cost(i);
            double cost = model.cost(i);
            int[] newLo = new int[parentStates];
            double[][] newW = new double[parentStates][];
            double[][] newK = new double[parentStates][];
            thresholds[i] = new int[parentStates];
            for (int r = 0; r < parentStates; r++) {
                int limit = model.lossIndex(i - 1, r);
                java.util.Arrays.fill(acc, 0, limit + 2, 0);
                java.util.Arrays.fill(accK, 0, limit + 2, 0);
                java.util.Arrays.fill(coefDiff, 0, limit + 2, 0);
                java.util.Arrays.fill(constW, 0, limit + 2, 0);
                java.util.Arrays.fill(constK, 0, limit + 2, 0);
                double[] row = p[r];
                for (int b = 0; b < states; b++) {
                    double q = row[b];
                    if (q == 0) {
                        continue;
                    }
                    int kb = model.lossIndex(i, b);
                    int lb = lo[b];
                    int closedEnd = Math.min(Math.min(lb, kb), limit + 1);
                    if (closedEnd > 0) {
                        coefDiff[0] += q;
                        coefDiff[closedEnd] -= q;
                    }
                    int denseEnd = Math.min(kb, limit + 1);
                    if (lb < denseEnd) {
                        double[] w = wRows[b];
                        double[] k = kRows[b];
                        for (int x = lb; x < denseEnd; x++) {
                            acc[x] += q * w[x - lb];
                            accK[x] += q * k[x - lb];
                        }
                    }
                    if (kb <= limit) {
                        boolean stopsAtK = kb < lb;
                        constW[kb] += q * (stopsAtK ? grid[kb] : wRows[b][kb - lb]);
                        constK[kb] += q * (stopsAtK ? 0 : kRows[b][kb - lb]);
                    }
                }
                double coef = 0;
                double cw = 0;
                double ck = 0;
                for (int x = 0; x <= limit; x++) {
                    coef += coefDiff[x];
                    cw += constW[x];
                    ck += constK[x];
                    acc[x] = scaledCost + acc[x] + coef * grid[x] + cw;
                    accK[x] = cost + accK[x] + ck;
                }
                int thr = -1;
                while (thr < limit && Ties.stopBeats(grid[thr + 1], acc[thr + 1])) {
                    thr++;
                }
                thresholds[i][r] = thr;
                newLo[r] = thr + 1;
                newW[r] = java.util.Arrays.copyOfRange(acc, thr + 1, limit + 1);
                newK[r] = java.util.Arrays.copyOfRange(accK, thr + 1, limit + 1);
            }
            lo = newLo;
            wRows = newW;
            kRows = newK;
        }

        double[] initial = model.initial(0);
        double objective = mu * model.cost(0);
        double expectedCost = model.cost(0);
        for (int b = 0; b < initial.length; b++) {
            if (initial[b] == 0) {
                continue;
            }
            int kb = model.lossIndex(0, b);
            boolean stopsAtK = kb < lo[b];
            objective += initial[b] * (stopsAtK ? grid[kb] : wRows[b][kb - lo[b]]);
            expectedCost += initial[b] * (stopsAtK ? 0 : kRows[b][kb - lo[b]]);
        }
        return new IndexSolution(model, mu, objective, expectedCost, thresholds, null);
    }
}
