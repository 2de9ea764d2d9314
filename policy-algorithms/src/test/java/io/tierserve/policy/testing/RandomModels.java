package io.tierserve.policy.testing;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;

/** Seeded random Markov cascades for the oracle, Monte-Carlo and round-trip tests. */
public final class RandomModels {

    private RandomModels() {}

    /** A random line: {@code n} stages, a grid of {@code gridSize} losses, 1..maxStates states per stage. */
    public static MarkovCascade line(Random rnd, int n, int gridSize, int maxStates) {
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v - 1;
        }
        return build(rnd, parent, gridSize, maxStates);
    }

    /** A random line where every stage has exactly {@code states} states. */
    public static MarkovCascade denseLine(Random rnd, int n, int gridSize, int states) {
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v - 1;
        }
        return build(rnd, parent, gridSize, -states);
    }

    /** A random out-tree (forest under the virtual root) of {@code n} stages in topological order. */
    public static MarkovCascade tree(Random rnd, int n, int gridSize, int maxStates) {
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v == 0 ? -1 : rnd.nextInt(v + 1) - 1;
        }
        return build(rnd, parent, gridSize, maxStates);
    }

    /** A random line with random skip edges (about half of all possible skips, root skips included). */
    public static SkipCascade skips(Random rnd, MarkovCascade line) {
        int n = line.stageCount();
        double[][] skipCost = new double[n][n];
        for (double[] row : skipCost) {
            Arrays.fill(row, Double.NaN);
        }
        for (int i = -1; i < n - 1; i++) {
            for (int j = i + 2; j < n; j++) {
                if (rnd.nextBoolean()) {
                    skipCost[i + 1][j] = 0.01 + 0.3 * rnd.nextDouble();
                }
            }
        }
        return SkipCascade.fromLine(line, skipCost);
    }

    static MarkovCascade build(Random rnd, int[] parent, int gridSize, int maxStates) {
        int n = parent.length;
        TreeSet<Double> values = new TreeSet<>();
        while (values.size() < gridSize) {
            values.add(0.01 + Math.round(rnd.nextDouble() * 1000) / 1000.0);
        }
        double[] grid = values.stream().mapToDouble(Double::doubleValue).toArray();
        int[][] lossIndex = new int[n][];
        double[] cost = new double[n];
        double[][] initial = new double[n][];
        double[][][] transition = new double[n][][];
        for (int v = 0; v < n; v++) {
            // a negative maxStates asks for exactly that many states
            int states = maxStates < 0 ? -maxStates : 1 + rnd.nextInt(maxStates);
            lossIndex[v] = new int[states];
            for (int s = 0; s < states; s++) {
                lossIndex[v][s] = rnd.nextInt(gridSize);
            }
            cost[v] = 0.005 + 0.2 * rnd.nextDouble();
        }
        for (int v = 0; v < n; v++) {
            if (parent[v] == -1) {
                initial[v] = distribution(rnd, lossIndex[v].length);
            } else {
                transition[v] = new double[lossIndex[parent[v]].length][];
                for (int a = 0; a < transition[v].length; a++) {
                    transition[v][a] = distribution(rnd, lossIndex[v].length);
                }
            }
        }
        return new MarkovCascade(grid, parent, cost, lossIndex, initial, transition);
    }

    /** A random distribution, sometimes with zero entries. */
    public static double[] distribution(Random rnd, int size) {
        double[] p = new double[size];
        double sum = 0;
        for (int k = 0; k < size; k++) {
            p[k] = rnd.nextInt(5) == 0 ? 0 : rnd.nextDouble();
            sum += p[k];
        }
        if (sum == 0) {
            p[rnd.nextInt(size)] = 1;
            return p;
        }
        for (int k = 0; k < size; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
