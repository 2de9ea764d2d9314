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

    /** Parent states solved together, so that each row of {@code W_{i+1}} is read once per block. */
    static final int BLOCK = 16;

    /** Grid indices per tile: a block's accumulators for one tile stay in the L2 cache. */
    static final int TILE = 1024;

    private LineRecallSolver() {}

    /** The tables of one level, rows by state: values for x in [lo, lo + w.length). */
    private record Level(int[] lo, double[][] w, double[][] k) {}

    /** Reusable accumulators for one block of parent states. */
    private static final class Workspace {

        private final double[][] acc;
        private final double[][] accK;
        private final double[][] coefDiff;
        private final double[][] constW;
        private final double[][] constK;

        Workspace(int g) {
            acc = new double[BLOCK][g + 1];
            accK = new double[BLOCK][g + 1];
            coefDiff = new double[BLOCK][g + 1];
            constW = new double[BLOCK][g + 1];
            constK = new double[BLOCK][g + 1];
        }

        void solveBlock(MarkovCascade model, double mu, int i, int r0, int r1, Level next, Level level, int[] thr) {
            double[] grid = model.grid();
            double[][] p = model.transition(i);
            int states = model.states(i);
            int maxLimit = 0;
            for (int r = r0; r < r1; r++) {
                int limit = model.lossIndex(i - 1, r);
                maxLimit = Math.max(maxLimit, limit);
                int j = r - r0;
                java.util.Arrays.fill(acc[j], 0, limit + 2, 0);
                java.util.Arrays.fill(accK[j], 0, limit + 2, 0);
                java.util.Arrays.fill(coefDiff[j], 0, limit + 2, 0);
                java.util.Arrays.fill(constW[j], 0, limit + 2, 0);
                java.util.Arrays.fill(constK[j], 0, limit + 2, 0);
                closedForms(model, i, grid, p[r], limit, next, j);
            }
            for (int x0 = 0; x0 <= maxLimit; x0 += TILE) {
                int x1 = Math.min(maxLimit + 1, x0 + TILE);
                for (int b = 0; b < states; b++) {
                    int lb = next.lo[b];
                    int start = Math.max(lb, x0);
                    int stop = Math.min(model.lossIndex(i, b), x1);
                    if (start >= stop) {
                        continue;
                    }
                    double[] w = next.w[b];
                    double[] k = next.k[b];
                    for (int r = r0; r < r1; r++) {
                        double q = p[r][b];
                        int end = Math.min(stop, model.lossIndex(i - 1, r) + 1);
                        if (q == 0 || start >= end) {
                            continue;
                        }
                        double[] a = acc[r - r0];
                        double[] ak = accK[r - r0];
                        axpy(q, w, start - lb, a, start, end - start);
                        axpy(q, k, start - lb, ak, start, end - start);
                    }
                }
            }
            double scaledCost = mu * model.cost(i);
            double cost = model.cost(i);
            for (int r = r0; r < r1; r++) {
                int j = r - r0;
                int limit = model.lossIndex(i - 1, r);
                double[] a = acc[j];
                double[] ak = accK[j];
                double coef = 0;
                double cw = 0;
                double ck = 0;
                for (int x = 0; x <= limit; x++) {
                    coef += coefDiff[j][x];
                    cw += constW[j][x];
                    ck += constK[j][x];
                    a[x] = scaledCost + a[x] + coef * grid[x] + cw;
                    ak[x] = cost + ak[x] + ck;
                }
                int t = -1;
                while (t < limit && Ties.stopBeats(grid[t + 1], a[t + 1])) {
                    t++;
                }
                thr[r] = t;
                level.lo[r] = t + 1;
                level.w[r] = java.util.Arrays.copyOfRange(a, t + 1, limit + 1);
                level.k[r] = java.util.Arrays.copyOfRange(ak, t + 1, limit + 1);
            }
        }

        /** y[to..to+len) += q · x[from..from+len): one stream pair per loop so that the JIT vectorises it. */
        private static void axpy(double q, double[] x, int from, double[] y, int to, int len) {
            for (int t = 0; t < len; t++) {
                y[to + t] += q * x[from + t];
            }
        }

        /** The terms of parent state r that have a closed form: x below W_{i+1}'s threshold, x at or above loss_i(b). */
        private void closedForms(
                MarkovCascade model, int i, double[] grid, double[] row, int limit, Level next, int j) {
            for (int b = 0; b < row.length; b++) {
                double q = row[b];
                if (q == 0) {
                    continue;
                }
                int kb = model.lossIndex(i, b);
                int lb = next.lo[b];
                int closedEnd = Math.min(Math.min(lb, kb), limit + 1);
                if (closedEnd > 0) {
                    coefDiff[j][0] += q;
                    coefDiff[j][closedEnd] -= q;
                }
                if (kb <= limit) {
                    boolean stopsAtK = kb < lb;
                    constW[j][kb] += q * (stopsAtK ? grid[kb] : next.w[b][kb - lb]);
                    constK[j][kb] += q * (stopsAtK ? 0 : next.k[b][kb - lb]);
                }
            }
        }
    }

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

        Workspace work = new Workspace(g);
        for (int i = n - 1; i >= 1; i--) {
            int parentStates = model.states(i - 1);
            Level next = new Level(lo, wRows, kRows);
            Level level = new Level(new int[parentStates], new double[parentStates][], new double[parentStates][]);
            thresholds[i] = new int[parentStates];
            for (int r0 = 0; r0 < parentStates; r0 += BLOCK) {
                int r1 = Math.min(parentStates, r0 + BLOCK);
                work.solveBlock(model, mu, i, r0, r1, next, level, thresholds[i]);
            }
            lo = level.lo;
            wRows = level.w;
            kRows = level.k;
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
