package io.tierserve.policy.estimation;

import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;

/**
 * Adds every skip edge to an estimated line of separately run models
 * (docs/algorithms.md#skip-edges): from stage {@code i} (or the root) straight to any later stage
 * {@code j}, paying {@code j}'s own cost, since each stage reads the input.
 *
 * <p>The states, losses and costs are the line's ({@link CascadeEstimator}). A skip's transition
 * {@code Q_{i→j}[a][b] = Pr(state_j = b | state_i = a)} is counted directly on the fit half with the
 * line's smoothing, {@code (n_ab + β·marg_b) / (n_a + β)}, rather than multiplied through the
 * stages in between ({@link SkipCascade#fromLine}): separately trained models need not be Markov
 * along the line, and the direct count is what the data say. From the root, stage {@code j}'s state
 * follows its marginal.
 */
public final class SkipEstimator {

    private SkipEstimator() {}

    /**
     * @param fit the fit half the line was estimated on
     * @param line the line estimated from {@code fit} (per-stage confidence states, no agreement)
     * @throws IllegalArgumentException when the model is not a line or uses agreement states
     */
    public static SkipCascade estimate(Profile fit, EstimatedCascade line, EstimationSettings settings) {
        MarkovCascade model = line.model();
        ConfidenceBins bins = line.bins();
        if (!model.isLine()) {
            throw new IllegalArgumentException("skip edges need a line cascade");
        }
        if (bins.anyAgreement()) {
            throw new IllegalArgumentException("skip edges are not supported with agreement states");
        }
        int n = model.stageCount();
        int samples = fit.sampleCount();
        int[][] state = new int[n][samples];
        double[][] marginal = new double[n][];
        for (int v = 0; v < n; v++) {
            marginal[v] = new double[model.states(v)];
            for (int s = 0; s < samples; s++) {
                ProfileSample sample = fit.samples().get(s);
                state[v][s] = bins.stateOf(v, sample.outputs().get(v).confidence(), false);
                marginal[v][state[v][s]] += 1.0 / samples;
            }
        }
        int[][] lossIndex = new int[n][];
        double[][] cost = new double[n][n];
        double[][][][] transition = new double[n][n][][];
        for (int v = 0; v < n; v++) {
            lossIndex[v] = new int[model.states(v)];
            for (int s = 0; s < lossIndex[v].length; s++) {
                lossIndex[v][s] = model.lossIndex(v, s);
            }
        }
        for (int i = -1; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                cost[i + 1][j] = model.cost(j);
                if (i == -1) {
                    transition[0][j] = new double[][] {j == 0 ? model.initial(0).clone() : marginal[j].clone()};
                } else {
                    transition[i + 1][j] =
                            counted(state[i], state[j], model.states(i), marginal[j], settings.transitionPseudoCount());
                }
            }
        }
        return new SkipCascade(model.grid(), lossIndex, cost, transition);
    }

    private static double[][] counted(int[] from, int[] to, int fromStates, double[] marginal, double pseudoCount) {
        int k = marginal.length;
        double[][] rows = new double[fromStates][k];
        double[] totals = new double[fromStates];
        for (int s = 0; s < from.length; s++) {
            rows[from[s]][to[s]]++;
            totals[from[s]]++;
        }
        for (int a = 0; a < fromStates; a++) {
            double denominator = totals[a] + pseudoCount;
            double sum = 0;
            for (int b = 0; b < k; b++) {
                rows[a][b] = denominator == 0 ? marginal[b] : (rows[a][b] + pseudoCount * marginal[b]) / denominator;
                sum += rows[a][b];
            }
            // Marginals summed from 1/samples steps can be off by rounding; SkipCascade checks rows to 1e-6.
            for (int b = 0; b < k; b++) {
                rows[a][b] /= sum;
            }
        }
        return rows;
    }
}
