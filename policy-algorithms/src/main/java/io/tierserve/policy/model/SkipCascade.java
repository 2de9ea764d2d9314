package io.tierserve.policy.model;

import java.util.Arrays;

/**
 * A line of stages {@code 0 .. n-1} with skip edges (docs/algorithms.md#skip-edges): from stage
 * {@code i} (or the virtual root, {@code i = -1}) the walk may jump to any later stage {@code j}
 * that has an edge, paying {@code cost(i, j)}; stage {@code j}'s state then follows row {@code r}
 * (the state of {@code i}; row 0 at the root) of {@code transition(i, j)}.
 *
 * <p>Build one from a Markov line with {@link #fromLine}: the transitions of a skip are then the
 * products of the line's matrices, so the model stays consistent with the line's Markov chain.
 */
public final class SkipCascade {

    private final double[] grid;
    private final int[][] lossIndex;
    private final double[][] cost;
    private final double[][][][] transition;

    /**
     * Creates a model.
     *
     * @param cost {@code cost[i + 1][j]} for the edge {@code i -> j}; NaN where there is no edge
     * @param transition {@code transition[i + 1][j]}: rows = states of {@code i} (one row at the
     *     root), columns = states of {@code j}; {@code null} where there is no edge
     * @throws IllegalArgumentException naming the first rule the arrays break
     */
    public SkipCascade(double[] grid, int[][] lossIndex, double[][] cost, double[][][][] transition) {
        this.grid = grid;
        this.lossIndex = lossIndex;
        this.cost = cost;
        this.transition = transition;
        validate();
    }

    /**
     * The line with its direct edges plus skips.
     *
     * @param skipCost {@code skipCost[i + 1][j]} = cost of jumping from {@code i} (root: {@code -1})
     *     straight to {@code j > i + 1}; NaN (or a short row) where that skip does not exist. Direct
     *     edges {@code i -> i + 1} always exist with the line's cost.
     */
    public static SkipCascade fromLine(MarkovCascade line, double[][] skipCost) {
        if (!line.isLine()) {
            throw new IllegalArgumentException("skip edges need a line cascade");
        }
        int n = line.stageCount();
        int[][] lossIndex = new int[n][];
        for (int v = 0; v < n; v++) {
            lossIndex[v] = new int[line.states(v)];
            for (int s = 0; s < lossIndex[v].length; s++) {
                lossIndex[v][s] = line.lossIndex(v, s);
            }
        }
        double[][] cost = new double[n][n];
        double[][][][] transition = new double[n][n][][];
        for (int i = -1; i < n - 1; i++) {
            Arrays.fill(cost[i + 1], Double.NaN);
            double[][] product = i == -1 ? new double[][] {line.initial(0)} : line.transition(i + 1);
            for (int j = i + 1; j < n; j++) {
                if (j > i + 1) {
                    product = multiply(product, line.transition(j));
                }
                double c = j == i + 1 ? line.cost(j) : at(skipCost, i + 1, j);
                if (!Double.isNaN(c)) {
                    cost[i + 1][j] = c;
                    transition[i + 1][j] = product;
                }
            }
        }
        return new SkipCascade(line.grid(), lossIndex, cost, transition);
    }

    private static double at(double[][] table, int row, int column) {
        if (table == null || row >= table.length || table[row] == null || column >= table[row].length) {
            return Double.NaN;
        }
        return table[row][column];
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                double x = a[i][k];
                if (x != 0) {
                    for (int j = 0; j < b[k].length; j++) {
                        c[i][j] += x * b[k][j];
                    }
                }
            }
        }
        return c;
    }

    public int stageCount() {
        return lossIndex.length;
    }

    public double[] grid() {
        return grid;
    }

    public int states(int stage) {
        return lossIndex[stage].length;
    }

    public int lossIndex(int stage, int state) {
        return lossIndex[stage][state];
    }

    public double loss(int stage, int state) {
        return grid[lossIndex[stage][state]];
    }

    /** True when the walk may go from {@code from} ({@code -1} = root) straight to {@code to}. */
    public boolean hasEdge(int from, int to) {
        return to > from && to < stageCount() && !Double.isNaN(cost[from + 1][to]);
    }

    public double cost(int from, int to) {
        return cost[from + 1][to];
    }

    /** Rows = states of {@code from} (one row at the root), columns = states of {@code to}. */
    public double[][] transition(int from, int to) {
        return transition[from + 1][to];
    }

    private void validate() {
        int n = lossIndex.length;
        require(n > 0, "a cascade needs at least one stage");
        require(grid.length > 0, "grid must not be empty");
        for (int i = 0; i < grid.length; i++) {
            require(grid[i] > 0 && Double.isFinite(grid[i]), "grid[" + i + "] must be a positive finite loss");
            require(i == 0 || grid[i] > grid[i - 1], "grid must be strictly ascending at index " + i);
        }
        for (int v = 0; v < n; v++) {
            require(lossIndex[v].length > 0, "stage " + v + ": needs at least one state");
            for (int index : lossIndex[v]) {
                require(index >= 0 && index < grid.length, "stage " + v + ": loss index out of grid");
            }
        }
        require(cost.length == n && transition.length == n, "cost and transition need n rows (root + stages 0..n-2)");
        boolean rootEdge = false;
        for (int i = -1; i < n - 1; i++) {
            require(
                    cost[i + 1].length == n && transition[i + 1].length == n,
                    "cost and transition rows need n entries");
            for (int j = i + 1; j < n; j++) {
                double c = cost[i + 1][j];
                if (Double.isNaN(c)) {
                    continue;
                }
                rootEdge |= i == -1;
                String edge = "edge " + i + " -> " + j;
                require(c >= 0 && Double.isFinite(c), edge + ": cost must be >= 0");
                double[][] rows = transition[i + 1][j];
                int expectedRows = i == -1 ? 1 : lossIndex[i].length;
                require(
                        rows != null && rows.length == expectedRows,
                        edge + ": transition needs " + expectedRows + " rows");
                for (double[] row : rows) {
                    require(
                            row.length == lossIndex[j].length,
                            edge + ": transition rows need " + lossIndex[j].length + " entries");
                    double sum = 0;
                    for (double x : row) {
                        require(x >= 0 && Double.isFinite(x), edge + ": negative or non-finite probability");
                        sum += x;
                    }
                    require(Math.abs(sum - 1) <= 1e-6, edge + ": transition row sums to " + sum + ", not 1");
                }
            }
        }
        require(rootEdge, "the root needs at least one edge");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
