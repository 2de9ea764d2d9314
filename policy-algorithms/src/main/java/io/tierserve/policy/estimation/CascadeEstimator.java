package io.tierserve.policy.estimation;

import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.StageLatency;
import java.util.Arrays;

/**
 * Estimates the Markov cascade of docs/algorithms.md#from-a-profile-to-the-model from a profile's
 * fit half.
 *
 * <ol>
 *   <li>per stage, quantile bins of the confidence ({@link QuantileBins}); a bin is a state, or,
 *       with {@link EstimationSettings#agreement()}, a stage with a parent has a state per (bin,
 *       prediction agrees with the parent's), see {@link ConfidenceBins};
 *   <li>a state's loss is its posterior-mean error rate under a Beta prior centred on the stage's
 *       overall error rate, {@code (errors + k·ē) / (count + k)}, floored at a small positive value,
 *       so recall compares calibrated error probabilities across stages;
 *   <li>the grid is the sorted union of all bin losses, equal values merged;
 *   <li>a first stage's initial distribution is its bin frequency; a child's transition row is
 *       {@code (n_ab + β·marg_b) / (n_a + β)}: additive smoothing towards the child's marginal, which
 *       an empty row becomes exactly;
 *   <li>costs are the stages' p50 latencies (ms) on the chosen device class; p99s (ns) are kept for
 *       deadline checks.
 * </ol>
 */
public final class CascadeEstimator {

    private CascadeEstimator() {}

    public static EstimatedCascade estimate(Profile fit, EstimationSettings settings) {
        int n = fit.stageCount();
        int samples = fit.sampleCount();
        String device = settings.deviceClass() == null ? fit.deviceClass() : settings.deviceClass();
        int[] parent = fit.parentIndices();
        double[][] confidence = new double[n][samples];
        int[][] prediction = new int[n][samples];
        boolean[][] wrong = new boolean[n][samples];
        for (int s = 0; s < samples; s++) {
            ProfileSample sample = fit.samples().get(s);
            for (int v = 0; v < n; v++) {
                confidence[v][s] = sample.outputs().get(v).confidence();
                prediction[v][s] = sample.outputs().get(v).prediction();
                wrong[v][s] = !sample.correct(v);
            }
        }
        double[][] edges = new double[n][];
        boolean[] agreement = new boolean[n];
        for (int v = 0; v < n; v++) {
            edges[v] = QuantileBins.upperEdges(confidence[v], settings.bins());
            agreement[v] = settings.agreement() && parent[v] >= 0;
        }
        ConfidenceBins bins = new ConfidenceBins(edges, agreement);
        int[][] state = new int[n][samples];
        double[][] binLoss = new double[n][];
        double[][] marginal = new double[n][];
        for (int v = 0; v < n; v++) {
            int k = bins.states(v);
            double[] errors = new double[k];
            double[] counts = new double[k];
            double totalErrors = 0;
            for (int s = 0; s < samples; s++) {
                boolean agrees = parent[v] >= 0 && prediction[v][s] == prediction[parent[v]][s];
                int b = bins.stateOf(v, confidence[v][s], agrees);
                state[v][s] = b;
                counts[b]++;
                if (wrong[v][s]) {
                    errors[b]++;
                    totalErrors++;
                }
            }
            double stageError = totalErrors / samples;
            if (settings.isotonic()) {
                int perCase = agreement[v] ? k / 2 : k;
                for (int from = 0; from < k; from += perCase) {
                    errors = Isotonic.nonIncreasing(errors, counts, from, from + perCase);
                }
            }
            binLoss[v] = new double[k];
            marginal[v] = new double[k];
            for (int b = 0; b < k; b++) {
                double posterior =
                        (errors[b] + settings.priorStrength() * stageError) / (counts[b] + settings.priorStrength());
                binLoss[v][b] = Math.max(settings.lossFloor(), Double.isNaN(posterior) ? stageError : posterior);
                marginal[v][b] = counts[b] / samples;
            }
        }
        double[] grid = grid(binLoss);
        int[][] lossIndex = new int[n][];
        double[][] initial = new double[n][];
        double[][][] transition = new double[n][][];
        double[] cost = new double[n];
        long[] p99Nanos = new long[n];
        for (int v = 0; v < n; v++) {
            lossIndex[v] = new int[binLoss[v].length];
            for (int b = 0; b < lossIndex[v].length; b++) {
                lossIndex[v][b] = Arrays.binarySearch(grid, binLoss[v][b]);
            }
            if (parent[v] < 0) {
                initial[v] = marginal[v].clone();
            } else {
                transition[v] = transition(
                        state[parent[v]],
                        state[v],
                        bins.states(parent[v]),
                        marginal[v],
                        settings.transitionPseudoCount());
            }
            StageLatency latency = fit.stages().get(v).latencyOn(device);
            cost[v] = latency.p50Ms();
            p99Nanos[v] = StageLatency.toNanos(latency.p99Ms());
        }
        MarkovCascade model = new MarkovCascade(grid, parent, cost, lossIndex, initial, transition);
        return new EstimatedCascade(model, bins, p99Nanos, device);
    }

    private static double[][] transition(
            int[] parentState, int[] childState, int parentStates, double[] marginal, double pseudoCount) {
        int k = marginal.length;
        double[][] rows = new double[parentStates][k];
        double[] totals = new double[parentStates];
        for (int s = 0; s < parentState.length; s++) {
            rows[parentState[s]][childState[s]]++;
            totals[parentState[s]]++;
        }
        for (int a = 0; a < parentStates; a++) {
            double denominator = totals[a] + pseudoCount;
            for (int b = 0; b < k; b++) {
                rows[a][b] = denominator == 0 ? marginal[b] : (rows[a][b] + pseudoCount * marginal[b]) / denominator;
            }
        }
        return rows;
    }

    private static double[] grid(double[][] binLoss) {
        int total = 0;
        for (double[] losses : binLoss) {
            total += losses.length;
        }
        double[] all = new double[total];
        int i = 0;
        for (double[] losses : binLoss) {
            for (double loss : losses) {
                all[i++] = loss;
            }
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int j = 0; j < all.length; j++) {
            if (distinct == 0 || all[j] != all[distinct - 1]) {
                all[distinct++] = all[j];
            }
        }
        return Arrays.copyOf(all, distinct);
    }
}
