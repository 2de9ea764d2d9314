package io.tierserve.policy.solver;

import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.MarkovCascade;

/** Builds the common part of a {@link PolicyDocument} from model arrays. */
final class Documents {

    private Documents() {}

    static PolicyDocument base(
            String kind,
            int[] parents,
            double[] grid,
            int[][] lossIndex,
            ConfidenceBins bins,
            long[] p99Nanos,
            PolicyDocument.Prediction predicted) {
        int n = parents.length;
        double[][] losses = new double[n][];
        for (int v = 0; v < n; v++) {
            losses[v] = new double[lossIndex[v].length];
            for (int s = 0; s < losses[v].length; s++) {
                losses[v][s] = grid[lossIndex[v][s]];
            }
        }
        double[][] edges = null;
        boolean[] agreement = null;
        if (bins != null) {
            if (bins.stageCount() != n) {
                throw new IllegalArgumentException("bins cover " + bins.stageCount() + " stages, the policy has " + n);
            }
            edges = new double[n][];
            for (int v = 0; v < n; v++) {
                if (bins.states(v) != lossIndex[v].length) {
                    throw new IllegalArgumentException("stage " + v + ": bins give " + bins.states(v)
                            + " states, the model has " + lossIndex[v].length);
                }
                edges[v] = bins.upperEdges(v).clone();
            }
            if (bins.anyAgreement()) {
                agreement = new boolean[n];
                for (int v = 0; v < n; v++) {
                    agreement[v] = bins.agreement(v);
                }
            }
        }
        if (p99Nanos != null && p99Nanos.length != n) {
            throw new IllegalArgumentException("p99Nanos needs one entry per stage");
        }
        return PolicyDocument.of(
                kind,
                parents.clone(),
                grid.clone(),
                losses,
                edges,
                agreement,
                p99Nanos == null ? null : p99Nanos.clone(),
                predicted);
    }

    static int[] parents(MarkovCascade model) {
        int[] parents = new int[model.stageCount()];
        for (int v = 0; v < parents.length; v++) {
            parents[v] = model.parent(v);
        }
        return parents;
    }

    static int[][] lossIndex(MarkovCascade model) {
        int[][] index = new int[model.stageCount()][];
        for (int v = 0; v < index.length; v++) {
            index[v] = new int[model.states(v)];
            for (int s = 0; s < index[v].length; s++) {
                index[v][s] = model.lossIndex(v, s);
            }
        }
        return index;
    }
}
