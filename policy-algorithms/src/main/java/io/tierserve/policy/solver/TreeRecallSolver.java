package io.tierserve.policy.solver;

import io.tierserve.policy.model.MarkovCascade;
import java.util.stream.IntStream;

/**
 * The recall-optimal index policy of an out-tree (a line is a special case) by the equivalent-loss
 * route of docs/algorithms.md#out-trees: Weitzman's reservation values (Pandora's box, 1979)
 * applied bottom-up as in T-Tamer's index theorem.
 *
 * <pre>
 * L_v | b   = min(loss_v(b), min over children ch of max(L_ch | b, σ_ch(b)))   (children independent)
 * L_v | a   = Σ_b P_v[a][b] (L_v | b)
 * σ_v(a)    = the largest σ with E[(σ - L_v)⁺ | a] <= mu c_v                    (stop at equality)
 * objective = E[min over root children v of max(L_v, σ_v)]
 * </pre>
 *
 * <p>Serving keeps a frontier (the stages whose parent has run) and runs the frontier stage with the
 * smallest {@code σ}; it stops when {@code X <= } that {@code σ}. Before anything has run {@code X
 * = +∞}, so the first stage is mandatory; with several root children the one with the smallest
 * {@code σ} runs first (for one root child, as on a line, that is stage 0). Ties between frontier
 * stages go to the lower stage index.
 *
 * <p>Distributions are exact atom lists: every atom is a grid loss or some {@code σ}, so a list
 * never exceeds {@code |V| + n·m} atoms; no grid snapping error. The expected cost comes from the
 * envelope theorem ({@link Atoms}). Work is {@code O(n · m² · atoms · log)}; for long lines with
 * large {@code m} the table route ({@link LineRecallSolver}) is faster.
 */
final class TreeRecallSolver {

    private TreeRecallSolver() {}

    static IndexSolution solve(MarkovCascade model, double mu) {
        int n = model.stageCount();
        int[][] children = children(model);
        Atoms[][] capped = new Atoms[n][];
        double[][] sigma = new double[n][];
        int[][] thresholds = new int[n][];
        for (int v = n - 1; v >= 0; v--) {
            int states = model.states(v);
            Atoms[] given = new Atoms[states];
            Atoms[] ys = new Atoms[children[v].length];
            for (int b = 0; b < states; b++) {
                for (int c = 0; c < ys.length; c++) {
                    ys[c] = capped[children[v][c]][b];
                }
                given[b] = Atoms.minOfIndependent(model.loss(v, b), ys);
            }
            int parent = model.parent(v);
            double[][] rows = parent == -1 ? new double[][] {model.initial(v)} : model.transition(v);
            capped[v] = new Atoms[rows.length];
            sigma[v] = new double[rows.length];
            thresholds[v] = new int[rows.length];
            for (int a = 0; a < rows.length; a++) {
                Atoms mixed = Atoms.mix(rows[a], given);
                double[] s = mixed.reservation(mu * model.cost(v), model.cost(v));
                sigma[v][a] = s[0];
                capped[v][a] = mixed.maxWith(s[0], s[1]);
                int thr = Ties.gridThreshold(model.grid(), s[0]);
                thresholds[v][a] = parent == -1 ? thr : Math.min(thr, model.lossIndex(parent, a));
            }
        }
        int[] roots = rootChildren(model);
        Atoms[] ys = new Atoms[roots.length];
        for (int c = 0; c < roots.length; c++) {
            ys[c] = capped[roots[c]][0];
        }
        Atoms top = Atoms.minOfIndependent(Double.POSITIVE_INFINITY, ys);
        return new IndexSolution(model, mu, top.mean(), top.meanSlope(), thresholds, sigma);
    }

    static int[][] children(MarkovCascade model) {
        int n = model.stageCount();
        int[] count = new int[n];
        for (int v = 0; v < n; v++) {
            if (model.parent(v) >= 0) {
                count[model.parent(v)]++;
            }
        }
        int[][] children = new int[n][];
        for (int v = 0; v < n; v++) {
            children[v] = new int[count[v]];
            count[v] = 0;
        }
        for (int v = 0; v < n; v++) {
            int p = model.parent(v);
            if (p >= 0) {
                children[p][count[p]++] = v;
            }
        }
        return children;
    }

    static int[] rootChildren(MarkovCascade model) {
        return IntStream.range(0, model.stageCount())
                .filter(v -> model.parent(v) == -1)
                .toArray();
    }
}
