package io.tierserve.policy.solver;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.SkipCascade;

/**
 * The recall-optimal policy of a line with skip edges (docs/algorithms.md#skip-edges):
 *
 * <pre>
 * W_i(x, r) = min(x, min over j > i of [mu c(i, j) + Σ_e Q_{i→j}[r][e] · W_j(min(x, loss_j(e)), e)])
 * </pre>
 *
 * <p>Stopping is still a threshold in {@code x}, but the best next stage can depend on {@code x},
 * so the solution is the full action table {@code (i, r, x) -> stop | j} over {@code x <=
 * loss_i(r)} (the only reachable values). Ties stop; among equally good next stages the earlier
 * one wins ({@link Ties}). {@code O(n² · m² · |V|)}.
 */
final class SkipRecallSolver {

    private SkipRecallSolver() {}

    static Solution solve(SkipCascade model, double mu) {
        int n = model.stageCount();
        double[] grid = model.grid();
        double[][][] w = new double[n][][];
        double[][][] k = new double[n][][];
        int[][][] actions = new int[n][][];
        for (int i = n - 1; i >= 0; i--) {
            int states = model.states(i);
            w[i] = new double[states][];
            k[i] = new double[states][];
            actions[i] = new int[states][];
            for (int r = 0; r < states; r++) {
                int limit = model.lossIndex(i, r);
                double[] best = new double[limit + 1];
                double[] bestCost = new double[limit + 1];
                int[] action = new int[limit + 1];
                for (int x = 0; x <= limit; x++) {
                    best[x] = grid[x];
                    action[x] = CascadePolicy.STOP;
                }
                for (int j = i + 1; j < n; j++) {
                    if (!model.hasEdge(i, j)) {
                        continue;
                    }
                    double[] q = model.transition(i, j)[r];
                    for (int x = 0; x <= limit; x++) {
                        double go = mu * model.cost(i, j);
                        double goCost = model.cost(i, j);
                        for (int e = 0; e < q.length; e++) {
                            if (q[e] != 0) {
                                int y = Math.min(x, model.lossIndex(j, e));
                                go += q[e] * w[j][e][y];
                                goCost += q[e] * k[j][e][y];
                            }
                        }
                        if (!Ties.stopBeats(best[x], go)) {
                            best[x] = go;
                            bestCost[x] = goCost;
                            action[x] = j;
                        }
                    }
                }
                w[i][r] = best;
                k[i][r] = bestCost;
                actions[i][r] = action;
            }
        }
        int rootAction = -1;
        double objective = Double.POSITIVE_INFINITY;
        double expectedCost = 0;
        for (int j = 0; j < n; j++) {
            if (!model.hasEdge(-1, j)) {
                continue;
            }
            double[] d = model.transition(-1, j)[0];
            double go = mu * model.cost(-1, j);
            double goCost = model.cost(-1, j);
            for (int e = 0; e < d.length; e++) {
                int y = model.lossIndex(j, e);
                go += d[e] * w[j][e][y];
                goCost += d[e] * k[j][e][y];
            }
            if (rootAction == -1 || !Ties.stopBeats(objective, go)) {
                rootAction = j;
                objective = go;
                expectedCost = goCost;
            }
        }
        return new Result(model, mu, objective, expectedCost, rootAction, actions);
    }

    /** The solved action table; {@code actions[i][r][x]} as in {@link PolicyDocument}. */
    record Result(
            SkipCascade model,
            double mu,
            double expectedObjective,
            double expectedCost,
            int rootAction,
            int[][][] actions)
            implements Solution {

        @Override
        public double expectedLoss() {
            return expectedObjective - mu * expectedCost;
        }

        /** The action after stage {@code i} revealed state {@code r} with best grid index {@code x}. */
        int action(int i, int r, int x) {
            return actions[i][r][x];
        }

        @Override
        public PolicyDocument toDocument(ConfidenceBins bins, long[] p99Nanos) {
            int n = model.stageCount();
            int[] parents = new int[n];
            int[][] lossIndex = new int[n][];
            int[][][] copy = new int[n][][];
            for (int i = 0; i < n; i++) {
                parents[i] = i - 1;
                lossIndex[i] = new int[model.states(i)];
                copy[i] = new int[model.states(i)][];
                for (int r = 0; r < lossIndex[i].length; r++) {
                    lossIndex[i][r] = model.lossIndex(i, r);
                    copy[i][r] = actions[i][r].clone();
                }
            }
            return Documents.base(
                            PolicyDocument.RECALL_SKIP_TABLE,
                            parents,
                            model.grid(),
                            lossIndex,
                            bins,
                            p99Nanos,
                            new PolicyDocument.Prediction(mu, expectedObjective, expectedLoss(), expectedCost))
                    .withSkipTable(rootAction, copy);
        }
    }
}
