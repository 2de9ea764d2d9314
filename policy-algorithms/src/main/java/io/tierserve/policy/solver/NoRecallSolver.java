package io.tierserve.policy.solver;

import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.MarkovCascade;

/**
 * The optimal no-recall policy of a line (docs/algorithms.md#without-recall): {@code N_n(r) = r},
 * {@code N_i(r) = min(r, mu c_{i+1} + E[N_{i+1}(R_{i+1}) | r])}, in {@code O(n · m²)}; the answer
 * is the last stage run, and ties stop.
 */
final class NoRecallSolver {

    private NoRecallSolver() {}

    static Solution solve(MarkovCascade model, double mu) {
        if (!model.isLine()) {
            throw new IllegalArgumentException("the no-recall solver needs a line cascade");
        }
        int n = model.stageCount();
        boolean[][] proceed = new boolean[n][];
        double[] value = new double[model.states(n - 1)];
        double[] cost = new double[value.length];
        for (int b = 0; b < value.length; b++) {
            value[b] = model.loss(n - 1, b);
        }
        proceed[n - 1] = new boolean[value.length];
        for (int i = n - 2; i >= 0; i--) {
            double[][] p = model.transition(i + 1);
            int states = model.states(i);
            double[] newValue = new double[states];
            double[] newCost = new double[states];
            proceed[i] = new boolean[states];
            for (int r = 0; r < states; r++) {
                double go = mu * model.cost(i + 1);
                double goCost = model.cost(i + 1);
                for (int b = 0; b < value.length; b++) {
                    go += p[r][b] * value[b];
                    goCost += p[r][b] * cost[b];
                }
                double stop = model.loss(i, r);
                proceed[i][r] = !Ties.stopBeats(stop, go);
                newValue[r] = proceed[i][r] ? go : stop;
                newCost[r] = proceed[i][r] ? goCost : 0;
            }
            value = newValue;
            cost = newCost;
        }
        double objective = mu * model.cost(0);
        double expectedCost = model.cost(0);
        double[] initial = model.initial(0);
        for (int b = 0; b < initial.length; b++) {
            objective += initial[b] * value[b];
            expectedCost += initial[b] * cost[b];
        }
        return new Result(model, mu, objective, expectedCost, proceed);
    }

    /** The solved policy: {@code proceed[i][r]} = run stage {@code i + 1} after {@code (i, r)}. */
    record Result(MarkovCascade model, double mu, double expectedObjective, double expectedCost, boolean[][] proceed)
            implements Solution {

        @Override
        public double expectedLoss() {
            return expectedObjective - mu * expectedCost;
        }

        @Override
        public PolicyDocument toDocument(ConfidenceBins bins, long[] p99Nanos) {
            boolean[][] copy = new boolean[proceed.length][];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = proceed[i].clone();
            }
            return Documents.base(
                            PolicyDocument.NO_RECALL,
                            Documents.parents(model),
                            model.grid(),
                            Documents.lossIndex(model),
                            bins,
                            p99Nanos,
                            new PolicyDocument.Prediction(mu, expectedObjective, expectedLoss(), expectedCost))
                    .withProceed(copy);
        }
    }
}
