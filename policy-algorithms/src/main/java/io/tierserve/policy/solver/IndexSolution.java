package io.tierserve.policy.solver;

import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.MarkovCascade;

/**
 * A recall index policy: per (stage, parent state) a grid-index threshold and, for trees, the
 * index value that ranks frontier stages.
 */
final class IndexSolution implements Solution {

    private final MarkovCascade model;
    private final double mu;
    private final double objective;
    private final double cost;
    private final int[][] thresholds;
    private final double[][] order;

    IndexSolution(MarkovCascade model, double mu, double objective, double cost, int[][] thresholds, double[][] order) {
        this.model = model;
        this.mu = mu;
        this.objective = objective;
        this.cost = cost;
        this.thresholds = thresholds;
        this.order = order;
    }

    @Override
    public double expectedObjective() {
        return objective;
    }

    @Override
    public double expectedLoss() {
        return objective - mu * cost;
    }

    @Override
    public double expectedCost() {
        return cost;
    }

    /** Threshold of stage {@code v} given its parent's state: stop iff the X grid index is {@code <=} it. */
    int threshold(int v, int parentState) {
        return thresholds[v][parentState];
    }

    /** The exact index σ_v(parent state), or NaN when this solution has only grid thresholds. */
    double sigma(int v, int parentState) {
        return order == null ? Double.NaN : order[v][parentState];
    }

    @Override
    public PolicyDocument toDocument(ConfidenceBins bins, long[] p99Nanos) {
        PolicyDocument base = Documents.base(
                PolicyDocument.RECALL_INDEX,
                Documents.parents(model),
                model.grid(),
                Documents.lossIndex(model),
                bins,
                p99Nanos,
                new PolicyDocument.Prediction(mu, objective, expectedLoss(), cost));
        return base.withIndexTables(deepCopy(thresholds), order == null ? null : deepCopy(order));
    }

    private static int[][] deepCopy(int[][] a) {
        int[][] copy = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }
}
