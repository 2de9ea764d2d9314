package io.tierserve.policy.solver;

import io.tierserve.policy.model.MarkovCascade;
import java.util.Arrays;

/**
 * The recall-optimal policy of a line by the backward dynamic program of
 * docs/algorithms.md#recall-on-a-line (T-Tamer, the index theorem for cascades with recall).
 *
 * <pre>
 * W_n(x, r) = x
 * G_i(x, r) = mu c_i + Σ_b P_i[r][b] W_{i+1}(min(x, loss_i(b)), b)
 * W_i(x, r) = min(x, G_i(x, r))
 * </pre>
 *
 * <p>{@code x - G_i(x, r)} is non-decreasing in {@code x} (it equals {@code E[(x - L_i)⁺ | r] - mu
 * c_i}, the Weitzman form), so the stop set of {@code (i, r)} is a prefix of the grid, stored as
 * the integer threshold {@code thr(i, r)}: stop iff the grid index of {@code x} is {@code <= thr}
 * (ties stop, see {@link Ties}). Since {@code x <= loss_{i-1}(r)} at that point, thresholds are
 * capped there; a larger one is unobservable.
 *
 * <p>Work is {@code O(n · m² · |V|)} in the worst case; three exact short-cuts make it much less:
 *
 * <ol>
 *   <li>the threshold is found by bisection over {@code x} (monotone), each probe evaluating {@code
 *       G_i(x, r)} directly in {@code O(m)}, so {@code G} is tabulated only on the continuation
 *       region {@code thr(i, r) < x <= loss_{i-1}(r)};
 *   <li>inside it, a term {@code W_{i+1}(min(x, loss_i(b)), b)} is {@code x} below {@code
 *       thr(i+1, b)} (summed as a coefficient with a difference array) and constant at or above
 *       {@code loss_i(b)} (a second difference array); only the rest is summed densely, and rows of
 *       {@code W} are stored only on continuation regions;
 *   <li>the dense sums run over blocks of {@link #BLOCK} parent states and tiles of {@link #TILE}
 *       grid indices, so each row of {@code W_{i+1}} is read from memory once per block.
 * </ol>
 *
 * <p>The expected cost of the policy rides along in a table {@code K} with the same structure.
 */
final class LineRecallSolver {

    /** Parent states solved together, so that each row of {@code W_{i+1}} is read once per block. */
    static final int BLOCK = 16;

    /** Grid indices per tile: a block's accumulators for one tile stay in the L2 cache. */
    static final int TILE = 1024;

    private LineRecallSolver() {}

    /** Below this many (parent state × state × grid) terms per level a level runs on the calling thread. */
    static final long PARALLEL_WORK = 1L << 24;

    static IndexSolution solve(MarkovCascade model, double mu) {
        return solve(model, mu, 1);
    }

    /**
     * Solves with up to {@code threads} threads on the common fork-join pool. Blocks of parent states
     * are independent and each is summed in the same order on any thread, so the result does not
     * depend on the thread count.
     */
    static IndexSolution solve(MarkovCascade model, double mu, int threads) {
        int n = model.stageCount();
        double[] grid = model.grid();
        int[][] thresholds = new int[n][];
        thresholds[0] = new int[] {-1};
        // W_n(x, b) = x everywhere: empty continuation rows.
        int last = n - 1;
        Level next = new Level(new int[model.states(last)], new double[model.states(last)][], null);
        for (int b = 0; b < next.lo.length; b++) {
            next.lo[b] = model.lossIndex(last, b) + 1;
            next.w[b] = new double[0];
        }
        next = new Level(next.lo, next.w, next.w);
        Workspace[] work = new Workspace[Math.max(1, threads)];
        for (int i = n - 1; i >= 1; i--) {
            int parentStates = model.states(i - 1);
            Level level = new Level(new int[parentStates], new double[parentStates][], new double[parentStates][]);
            int[] thr = new int[parentStates];
            int blocks = (parentStates + BLOCK - 1) / BLOCK;
            long terms = (long) parentStates * model.states(i) * grid.length;
            int workers = terms < PARALLEL_WORK ? 1 : Math.min(blocks, work.length);
            Level from = next;
            int stage = i;
            Runnable[] tasks = new Runnable[workers];
            for (int t = 0; t < workers; t++) {
                if (work[t] == null) {
                    work[t] = new Workspace(grid.length);
                }
                Workspace ws = work[t];
                int first = t;
                // Interleaved blocks balance the load: a block's cost grows with its states' losses.
                tasks[t] = () -> {
                    for (int b = first; b < blocks; b += workers) {
                        int r0 = b * BLOCK;
                        ws.solveBlock(model, mu, stage, r0, Math.min(parentStates, r0 + BLOCK), from, level, thr);
                    }
                };
            }
            if (workers == 1) {
                tasks[0].run();
            } else {
                Arrays.stream(tasks).parallel().forEach(Runnable::run);
            }
            thresholds[i] = thr;
            next = level;
        }
        double[] initial = model.initial(0);
        double objective = mu * model.cost(0);
        double expectedCost = model.cost(0);
        for (int b = 0; b < initial.length; b++) {
            if (initial[b] != 0) {
                int kb = model.lossIndex(0, b);
                objective += initial[b] * next.w(grid, b, kb);
                expectedCost += initial[b] * next.k(b, kb);
            }
        }
        return new IndexSolution(model, mu, objective, expectedCost, thresholds, null);
    }

    /** One level's tables, rows by state {@code b}: values on the continuation region {@code [lo, lo + w.length)}. */
    private record Level(int[] lo, double[][] w, double[][] k) {

        double w(double[] grid, int b, int x) {
            return x < lo[b] ? grid[x] : w[b][x - lo[b]];
        }

        double k(int b, int x) {
            return x < lo[b] ? 0 : k[b][x - lo[b]];
        }
    }

    /** Reusable accumulators for one block of parent states. */
    private static final class Workspace {

        private final double[][] acc;
        private final double[][] accK;
        private final double[][] coefDiff;
        private final double[][] constW;
        private final double[][] constK;
        private final int[] start = new int[BLOCK];
        private final int[] end = new int[BLOCK];

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
            double scaledCost = mu * model.cost(i);
            int minStart = Integer.MAX_VALUE;
            int maxLimit = -1;
            for (int r = r0; r < r1; r++) {
                int j = r - r0;
                int limit = model.lossIndex(i - 1, r);
                thr[r] = threshold(model, i, p[r], scaledCost, limit, next);
                start[j] = thr[r] + 1;
                end[j] = limit + 1;
                if (start[j] <= limit) {
                    minStart = Math.min(minStart, start[j]);
                    maxLimit = Math.max(maxLimit, limit);
                }
                Arrays.fill(acc[j], start[j], limit + 2, 0);
                Arrays.fill(accK[j], start[j], limit + 2, 0);
                Arrays.fill(coefDiff[j], start[j], limit + 2, 0);
                Arrays.fill(constW[j], start[j], limit + 2, 0);
                Arrays.fill(constK[j], start[j], limit + 2, 0);
                closedForms(model, i, grid, p[r], start[j], limit, next, j);
            }
            for (int x0 = minStart; x0 <= maxLimit; x0 += TILE) {
                int x1 = Math.min(maxLimit + 1, x0 + TILE);
                for (int b = 0; b < states; b++) {
                    int lb = next.lo[b];
                    int from = Math.max(lb, x0);
                    int to = Math.min(model.lossIndex(i, b), x1);
                    if (from >= to) {
                        continue;
                    }
                    double[] w = next.w[b];
                    double[] k = next.k[b];
                    int r = r0;
                    for (; r + 4 <= r1; r += 4) {
                        // Four parent states share one load of w and k where their ranges overlap.
                        int j = r - r0;
                        int s = Math.max(
                                from, Math.max(Math.max(start[j], start[j + 1]), Math.max(start[j + 2], start[j + 3])));
                        int e = Math.min(to, Math.min(Math.min(end[j], end[j + 1]), Math.min(end[j + 2], end[j + 3])));
                        if (s >= e) {
                            for (int t = r; t < r + 4; t++) {
                                single(p[t][b], w, k, lb, from, to, t - r0);
                            }
                            continue;
                        }
                        axpy4(p[r][b], p[r + 1][b], p[r + 2][b], p[r + 3][b], w, s - lb, acc, j, s, e - s);
                        axpy4(p[r][b], p[r + 1][b], p[r + 2][b], p[r + 3][b], k, s - lb, accK, j, s, e - s);
                        for (int t = r; t < r + 4; t++) {
                            double q = p[t][b];
                            int jt = t - r0;
                            int st = Math.max(from, start[jt]);
                            int et = Math.min(to, end[jt]);
                            if (q != 0) {
                                if (st < s) {
                                    axpy(q, w, st - lb, acc[jt], st, s - st);
                                    axpy(q, k, st - lb, accK[jt], st, s - st);
                                }
                                if (e < et) {
                                    axpy(q, w, e - lb, acc[jt], e, et - e);
                                    axpy(q, k, e - lb, accK[jt], e, et - e);
                                }
                            }
                        }
                    }
                    for (; r < r1; r++) {
                        single(p[r][b], w, k, lb, from, to, r - r0);
                    }
                }
            }
            double cost = model.cost(i);
            for (int r = r0; r < r1; r++) {
                int j = r - r0;
                int limit = model.lossIndex(i - 1, r);
                double[] a = acc[j];
                double[] ak = accK[j];
                double coef = 0;
                double cw = 0;
                double ck = 0;
                for (int x = start[j]; x <= limit; x++) {
                    coef += coefDiff[j][x];
                    cw += constW[j][x];
                    ck += constK[j][x];
                    a[x] = scaledCost + a[x] + coef * grid[x] + cw;
                    ak[x] = cost + ak[x] + ck;
                }
                level.lo[r] = start[j];
                level.w[r] = Arrays.copyOfRange(a, start[j], Math.max(start[j], limit + 1));
                level.k[r] = Arrays.copyOfRange(ak, start[j], Math.max(start[j], limit + 1));
            }
        }

        /** The largest x in [-1, limit] where stopping is at least as good as G_i(x, r), by bisection. */
        private static int threshold(
                MarkovCascade model, int i, double[] row, double scaledCost, int limit, Level next) {
            double[] grid = model.grid();
            int lo = -1;
            int hi = limit + 1;
            while (hi - lo > 1) {
                int x = (lo + hi) >>> 1;
                double g = scaledCost;
                for (int b = 0; b < row.length; b++) {
                    if (row[b] != 0) {
                        g += row[b] * next.w(grid, b, Math.min(x, model.lossIndex(i, b)));
                    }
                }
                if (Ties.stopBeats(grid[x], g)) {
                    lo = x;
                } else {
                    hi = x;
                }
            }
            return lo;
        }

        private void single(double q, double[] w, double[] k, int lb, int from, int to, int j) {
            int s = Math.max(from, start[j]);
            int e = Math.min(to, end[j]);
            if (q != 0 && s < e) {
                axpy(q, w, s - lb, acc[j], s, e - s);
                axpy(q, k, s - lb, accK[j], s, e - s);
            }
        }

        /** ys[j..j+3][to..to+len) += q0..q3 · x[from..from+len): one load of x feeds four rows. */
        private static void axpy4(
                double q0,
                double q1,
                double q2,
                double q3,
                double[] x,
                int from,
                double[][] ys,
                int j,
                int to,
                int len) {
            double[] y0 = ys[j];
            double[] y1 = ys[j + 1];
            double[] y2 = ys[j + 2];
            double[] y3 = ys[j + 3];
            for (int t = 0; t < len; t++) {
                double v = x[from + t];
                y0[to + t] += q0 * v;
                y1[to + t] += q1 * v;
                y2[to + t] += q2 * v;
                y3[to + t] += q3 * v;
            }
        }

        /** y[to..to+len) += q · x[from..from+len): one stream pair per loop so that the JIT vectorises it. */
        private static void axpy(double q, double[] x, int from, double[] y, int to, int len) {
            for (int t = 0; t < len; t++) {
                y[to + t] += q * x[from + t];
            }
        }

        /**
         * The terms of parent state r with a closed form on [start, limit]: x below W_{i+1}'s
         * threshold (value x) and x at or above loss_i(b) (a constant).
         */
        private void closedForms(
                MarkovCascade model, int i, double[] grid, double[] row, int start, int limit, Level next, int j) {
            for (int b = 0; b < row.length; b++) {
                double q = row[b];
                if (q == 0) {
                    continue;
                }
                int kb = model.lossIndex(i, b);
                int closedEnd = Math.min(Math.min(next.lo[b], kb), limit + 1);
                if (closedEnd > start) {
                    coefDiff[j][start] += q;
                    coefDiff[j][closedEnd] -= q;
                }
                if (kb <= limit) {
                    int at = Math.max(kb, start);
                    constW[j][at] += q * next.w(grid, b, kb);
                    constK[j][at] += q * next.k(b, kb);
                }
            }
        }
    }
}
