package io.tierserve.policy.tier;

import io.tierserve.policy.execution.PolicyDocument;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Threshold rules ({@link ThresholdSearch}) as {@code no-recall} policy documents, so the existing
 * executors serve them.
 *
 * <p>A stage's bin edges are its finite thresholds: with one threshold {@code t}, state 0
 * (confidence {@code <= t}) proceeds and state 1 stops; a stage that never ({@code +∞}) or always
 * ({@code −∞}) stops has a single state, as has the last stage. A stage whose two thresholds differ
 * (disagrees with / agrees with its parent) records agreement ({@code formatVersion} 2): states
 * {@code 0..m−1} follow the first, {@code m..2m−1} the second. Each state's loss is its Beta(1, 1)
 * smoothed error rate on the samples the rule was fitted on: informational only, since a no-recall
 * walk never compares losses.
 */
final class ThresholdDocuments {

    private static final double LOSS_FLOOR = 1e-6;

    private ThresholdDocuments() {}

    /** The document of {@code rule} fitted by {@code search} (whose samples give the state losses). */
    static PolicyDocument of(double[] rule, ThresholdSearch search, long[] p99Nanos) {
        int stages = search.stageCount();
        if (rule.length != 2 * (stages - 1)) {
            throw new IllegalArgumentException("a line of " + stages + " stages needs " + 2 * (stages - 1)
                    + " threshold values, got " + rule.length);
        }
        double[][] edges = new double[stages][];
        boolean[][] proceed = new boolean[stages][];
        boolean[] agreement = new boolean[stages];
        boolean anyAgreement = false;
        for (int i = 0; i < stages; i++) {
            if (i == stages - 1) {
                edges[i] = new double[0];
                proceed[i] = new boolean[] {false};
                continue;
            }
            double disagree = rule[2 * i];
            double agree = rule[2 * i + 1];
            agreement[i] = i > 0 && Double.compare(disagree, agree) != 0;
            anyAgreement |= agreement[i];
            edges[i] = Arrays.stream(agreement[i] ? new double[] {disagree, agree} : new double[] {disagree})
                    .filter(Double::isFinite)
                    .sorted()
                    .distinct()
                    .toArray();
            int bins = edges[i].length + 1;
            proceed[i] = new boolean[agreement[i] ? 2 * bins : bins];
            for (int state = 0; state < proceed[i].length; state++) {
                double t = state >= bins ? agree : disagree;
                proceed[i][state] = !stopsIn(state % bins, t, edges[i]);
            }
        }
        int[][][] counts = search.stateCounts(rule, edges, agreement);
        double[][] losses = new double[stages][];
        TreeSet<Double> grid = new TreeSet<>();
        for (int i = 0; i < stages; i++) {
            losses[i] = new double[counts[i].length];
            for (int state = 0; state < counts[i].length; state++) {
                double loss = (counts[i][state][0] + 1.0) / (counts[i][state][1] + 2.0);
                losses[i][state] = Math.max(LOSS_FLOOR, loss);
                grid.add(losses[i][state]);
            }
        }
        int[] parents = new int[stages];
        Arrays.setAll(parents, v -> v - 1);
        return PolicyDocument.of(
                        PolicyDocument.NO_RECALL,
                        parents,
                        grid.stream().mapToDouble(Double::doubleValue).toArray(),
                        losses,
                        edges,
                        anyAgreement ? agreement : null,
                        p99Nanos == null ? null : p99Nanos.clone(),
                        null)
                .withProceed(proceed);
    }

    // bin b holds confidences in (edges[b − 1], edges[b]]: all of them exceed t iff t <= edges[b − 1]
    private static boolean stopsIn(int bin, double t, double[] edges) {
        if (t == Double.POSITIVE_INFINITY) {
            return false;
        }
        if (t == Double.NEGATIVE_INFINITY) {
            return true;
        }
        return bin > 0 && t <= edges[bin - 1];
    }
}
