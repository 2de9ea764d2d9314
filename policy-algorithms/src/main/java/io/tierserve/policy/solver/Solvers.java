package io.tierserve.policy.solver;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;

/**
 * The policy solvers of docs/algorithms.md (recall on lines, out-trees and skip edges; without
 * recall); each minimises {@code E[f] + mu · E[sum of costs]}.
 *
 * <p>Tie rule everywhere: stop rather than continue at equality; among equally good stages take the
 * earlier (cheaper) one; the answer is the earliest stage with the smallest loss ({@link Ties}).
 */
public final class Solvers {

    private Solvers() {}

    /**
     * The recall-optimal policy ({@code f} = min loss over the stages run) of a line or out-tree.
     * Lines use the table route ({@code O(n · |V| · m²)}, integer thresholds) on the calling
     * thread; trees the equivalent-loss route with exact atoms.
     */
    public static Solution recall(MarkovCascade model, double mu) {
        requireMu(mu);
        return model.isLine() ? LineRecallSolver.solve(model, mu) : TreeRecallSolver.solve(model, mu);
    }

    /**
     * As {@link #recall(MarkovCascade, double)}, solving a large line with up to {@code threads}
     * threads of the common fork-join pool; the result is identical for every thread count.
     */
    public static Solution recall(MarkovCascade model, double mu, int threads) {
        requireMu(mu);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        return model.isLine() ? LineRecallSolver.solve(model, mu, threads) : TreeRecallSolver.solve(model, mu);
    }

    /**
     * The recall-optimal policy by the equivalent-loss (Weitzman reservation value) route on any
     * out-tree, lines included; it also yields the exact indices {@code σ}.
     */
    public static Solution recallByEquivalentLoss(MarkovCascade model, double mu) {
        requireMu(mu);
        return TreeRecallSolver.solve(model, mu);
    }

    /** The optimal no-recall policy ({@code f} = loss of the last stage run) of a line. */
    public static Solution noRecall(MarkovCascade model, double mu) {
        requireMu(mu);
        return NoRecallSolver.solve(model, mu);
    }

    /** The recall-optimal policy of a line with skip edges: a full action table {@code (i, x, r) -> stop | j}. */
    public static Solution recallWithSkips(SkipCascade model, double mu) {
        requireMu(mu);
        return SkipRecallSolver.solve(model, mu);
    }

    private static void requireMu(double mu) {
        if (!(mu >= 0 && Double.isFinite(mu))) {
            throw new IllegalArgumentException("mu must be a finite number >= 0, was " + mu);
        }
    }
}
