package io.tierserve.policy.solver;

import io.tierserve.policy.model.MarkovCascade;

/**
 * The hand-computed line of docs/algorithms.md#how-the-solvers-are-checked (states = grid indices,
 * costs already scaled).
 */
final class Golden {

    static final double[] GRID = {0.1, 0.5, 0.9};

    private Golden() {}

    static MarkovCascade line() {
        int[] states = {0, 1, 2};
        return new MarkovCascade(
                GRID,
                new int[] {-1, 0, 1},
                new double[] {0.05, 0.08, 0.08},
                new int[][] {states, states, states},
                new double[][] {{0.2, 0.5, 0.3}, null, null},
                new double[][][] {
                    null,
                    {{0.7, 0.2, 0.1}, {0.3, 0.4, 0.3}, {0.1, 0.3, 0.6}},
                    {{0.8, 0.1, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.2, 0.7}}
                });
    }
}
