package io.tierserve.benchmarks;

import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.MarkovCascade;
import java.util.Arrays;
import java.util.Random;

/**
 * Random line models shaped like estimated ones: per stage {@code m} confidence bins whose losses
 * fall with confidence and with depth, all mapped into one shared grid of {@code n · m} values, and
 * smoothed transitions that correlate a stage's bin with its parent's.
 */
final class BenchmarkModels {

    private BenchmarkModels() {}

    static MarkovCascade estimatedLike(int n, int m, long seed) {
        return estimatedLike(n, m, seed, false);
    }

    /** As above; with {@code binaryTree} stage v's parent is (v - 1) / 2 instead of v - 1. */
    static MarkovCascade estimatedLike(int n, int m, long seed, boolean binaryTree) {
        Random rnd = new Random(seed);
        double[][] losses = new double[n][m];
        double[] all = new double[n * m];
        for (int v = 0; v < n; v++) {
            double errorRate = 0.4 * Math.pow(0.8, v);
            for (int b = 0; b < m; b++) {
                double base = errorRate * 2 * (1 - (b + 0.5) / m) + 0.001;
                losses[v][b] = Math.min(0.999, base * (0.9 + 0.2 * rnd.nextDouble()));
                all[v * m + b] = losses[v][b];
            }
        }
        double[] grid = Arrays.stream(all).sorted().distinct().toArray();
        int[][] lossIndex = new int[n][m];
        int[] parent = new int[n];
        double[] cost = new double[n];
        double[][] initial = new double[n][];
        double[][][] transition = new double[n][][];
        for (int v = 0; v < n; v++) {
            for (int b = 0; b < m; b++) {
                lossIndex[v][b] = Arrays.binarySearch(grid, losses[v][b]);
            }
            parent[v] = binaryTree && v > 0 ? (v - 1) / 2 : v - 1;
            cost[v] = 0.002 + 0.004 * rnd.nextDouble();
        }
        initial[0] = new double[m];
        Arrays.fill(initial[0], 1.0 / m);
        for (int v = 1; v < n; v++) {
            if (parent[v] == -1) {
                initial[v] = initial[0];
                continue;
            }
            transition[v] = new double[m][m];
            for (int a = 0; a < m; a++) {
                double sum = 0;
                for (int b = 0; b < m; b++) {
                    double d = (a - b) / (0.15 * m);
                    double w = Math.exp(-d * d) + 0.01 * rnd.nextDouble();
                    transition[v][a][b] = w;
                    sum += w;
                }
                for (int b = 0; b < m; b++) {
                    transition[v][a][b] /= sum;
                }
            }
        }
        return new MarkovCascade(grid, parent, cost, lossIndex, initial, transition);
    }

    /** Equal-width confidence bins on [0, 1], one per model state. */
    static ConfidenceBins bins(MarkovCascade model) {
        double[][] edges = new double[model.stageCount()][];
        for (int v = 0; v < edges.length; v++) {
            int m = model.states(v);
            edges[v] = new double[m - 1];
            for (int b = 0; b < m - 1; b++) {
                edges[v][b] = (b + 1.0) / m;
            }
        }
        return new ConfidenceBins(edges);
    }

    /** Per request and stage a confidence drawn from the Markov model (uniform inside the drawn bin). */
    static double[][] confidences(MarkovCascade model, int requests, long seed) {
        Random rnd = new Random(seed);
        int n = model.stageCount();
        double[][] out = new double[requests][n];
        for (int k = 0; k < requests; k++) {
            int state = 0;
            for (int v = 0; v < n; v++) {
                double[] dist = v == 0 ? model.initial(0) : model.transition(v)[state];
                state = draw(rnd, dist);
                int m = model.states(v);
                out[k][v] = (state + rnd.nextDouble()) / m;
            }
        }
        return out;
    }

    private static int draw(Random rnd, double[] dist) {
        double u = rnd.nextDouble();
        double cum = 0;
        for (int k = 0; k < dist.length; k++) {
            cum += dist[k];
            if (u < cum) {
                return k;
            }
        }
        return dist.length - 1;
    }
}
