package io.tierserve.policy.tier;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Per-stage confidence thresholds on a line that minimise {@code error rate + μ · mean latency} on
 * a set of samples.
 *
 * <p>The rule: stop at the first stage {@code i} whose confidence exceeds its threshold and answer
 * with it; the last stage always answers. A rule is an array of {@code 2 · (stages − 1)} values:
 * {@code t[2i]} applies at stage {@code i} when its prediction differs from its parent's, {@code
 * t[2i + 1]} when it agrees. Without {@code byAgreement} the two are always equal (one threshold per
 * stage); with it, every stage after the first has one threshold per case, since on early-exit
 * networks an exit that disagrees with the previous one is wrong more often at the same confidence.
 * {@code +∞} never stops, {@code −∞} always does.
 *
 * <p>The search is coordinate descent with exact one-dimensional steps: with the other thresholds
 * fixed, only the samples that reach stage {@code i} (in the threshold's case) depend on it; each
 * either stops there (its own error and latency) or continues (what the later thresholds make of
 * it), so one scan over those samples in confidence order finds the best value (set between two
 * neighbouring confidences). Sweeps run backwards, so every step sees the later stages' current
 * outcomes. Every first-stage threshold on a quantile grid (all of them when there are at most
 * {@link #START_GRID} distinct first-stage confidences) is tried with the later thresholds descended
 * for it, and the best is then descended in every coordinate: exact for a line of three stages
 * without agreement on such samples; otherwise a coordinate-wise optimum.
 */
final class ThresholdSearch {

    /** First-stage thresholds the search starts from. */
    static final int START_GRID = 8;

    private static final int MAX_SWEEPS = 10;
    private static final double EPS = 1e-12;

    private final int n;
    private final int stages;
    private final double[][] confidence;
    private final boolean[][] correct;
    private final int[][] prediction;
    private final int[][] group;
    private final double[] cumulativeLatency;
    private final int[][] order;
    private final double[] starts;

    private ThresholdSearch(double[][] confidence, boolean[][] correct, int[][] prediction, double[] cost) {
        this.stages = confidence.length;
        this.n = confidence[0].length;
        this.confidence = confidence;
        this.correct = correct;
        this.prediction = prediction;
        this.group = new int[stages][n];
        for (int i = 1; i < stages; i++) {
            for (int k = 0; k < n; k++) {
                group[i][k] = prediction[i][k] == prediction[i - 1][k] ? 1 : 0;
            }
        }
        this.cumulativeLatency = new double[stages];
        double sum = 0;
        for (int i = 0; i < stages; i++) {
            sum += cost[i];
            cumulativeLatency[i] = sum;
        }
        this.order = new int[stages][];
        for (int i = 0; i < stages; i++) {
            double[] c = confidence[i];
            order[i] = IntStream.range(0, n)
                    .boxed()
                    .sorted((x, y) -> Double.compare(c[x], c[y]))
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        this.starts = startGrid();
    }

    /** The search over {@code samples} (a line) with per-stage latencies {@code cost} (ms). */
    static ThresholdSearch of(Profile samples, double[] cost) {
        int s = samples.stageCount();
        int n = samples.sampleCount();
        if (n == 0) {
            throw new IllegalArgumentException("no samples to fit thresholds on");
        }
        double[][] confidence = new double[s][n];
        boolean[][] correct = new boolean[s][n];
        int[][] prediction = new int[s][n];
        for (int k = 0; k < n; k++) {
            ProfileSample sample = samples.samples().get(k);
            for (int i = 0; i < s; i++) {
                confidence[i][k] = sample.outputs().get(i).confidence();
                prediction[i][k] = sample.outputs().get(i).prediction();
                correct[i][k] = sample.correct(i);
            }
        }
        return new ThresholdSearch(confidence, correct, prediction, cost);
    }

    /** The search over explicit per-stage values ({@code [stage][sample]}). */
    static ThresholdSearch of(double[][] confidence, boolean[][] correct, int[][] prediction, double[] cost) {
        return new ThresholdSearch(confidence, correct, prediction, cost);
    }

    int stageCount() {
        return stages;
    }

    /** Whether stage {@code i} agrees with its parent on sample {@code k} (never for the first stage). */
    boolean agrees(int i, int k) {
        return group[i][k] == 1;
    }

    /** The best rule found for {@code mu} ({@code 2 · (stageCount() − 1)} values). */
    double[] fit(double mu, boolean byAgreement) {
        double[][] stop = stopCosts(mu);
        double[] best = new double[2 * Math.max(0, stages - 1)];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        if (stages == 1) {
            return best;
        }
        double bestValue = objective(best, stop);
        double[] t = new double[best.length];
        double[][] down = new double[stages][n];
        boolean[][] reach = new boolean[stages][n];
        for (double start : starts) {
            Arrays.fill(t, Double.POSITIVE_INFINITY);
            t[0] = start;
            t[1] = start;
            // the later stages for this first threshold
            descend(t, stop, down, reach, 1, byAgreement);
            double value = objective(t, stop);
            if (value < bestValue - EPS) {
                bestValue = value;
                best = t.clone();
            }
        }
        // then every coordinate from the best start
        descend(best, stop, down, reach, 0, byAgreement);
        return best;
    }

    /** {@code error rate + μ · mean latency} of rule {@code t} on these samples. */
    double objective(double[] t, double mu) {
        return objective(t, stopCosts(mu));
    }

    /** Per stage and state, errors ({@code [0]}) and samples ({@code [1]}); states as {@code binEdges} and {@code agreement} of the rule's document put them. */
    int[][][] stateCounts(double[] t, double[][] edges, boolean[] agreement) {
        int[][][] counts = new int[stages][][];
        for (int i = 0; i < stages; i++) {
            int bins = edges[i].length + 1;
            counts[i] = new int[agreement[i] ? 2 * bins : bins][2];
            for (int k = 0; k < n; k++) {
                int bin = 0;
                while (bin < edges[i].length && confidence[i][k] > edges[i][bin]) {
                    bin++;
                }
                int state = agreement[i] && agrees(i, k) ? bins + bin : bin;
                counts[i][state][0] += correct[i][k] ? 0 : 1;
                counts[i][state][1]++;
            }
        }
        return counts;
    }

    private double[][] stopCosts(double mu) {
        double[][] stop = new double[stages][n];
        for (int i = 0; i < stages; i++) {
            for (int k = 0; k < n; k++) {
                stop[i][k] = (correct[i][k] ? 0 : 1) + mu * cumulativeLatency[i];
            }
        }
        return stop;
    }

    private boolean stops(double[] t, int i, int k) {
        return confidence[i][k] > t[2 * i + group[i][k]];
    }

    private double objective(double[] t, double[][] stop) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            int i = 0;
            while (i < stages - 1 && !stops(t, i, k)) {
                i++;
            }
            sum += stop[i][k];
        }
        return sum / n;
    }

    /** Backward coordinate sweeps over stages {@code from .. stages − 2} until none improves. */
    private void descend(
            double[] t, double[][] stop, double[][] down, boolean[][] reach, int from, boolean byAgreement) {
        int coordinates = 0;
        for (int i = from; i < stages - 1; i++) {
            coordinates += byAgreement && i > 0 ? 2 : 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            Arrays.fill(reach[0], true);
            for (int i = 0; i < stages - 1; i++) {
                for (int k = 0; k < n; k++) {
                    reach[i + 1][k] = reach[i][k] && !stops(t, i, k);
                }
            }
            System.arraycopy(stop[stages - 1], 0, down[stages - 1], 0, n);
            boolean changed = false;
            for (int i = stages - 2; i >= from; i--) {
                if (byAgreement && i > 0) {
                    changed |= step(i, 0, t, stop[i], down[i + 1], reach[i]);
                    changed |= step(i, 1, t, stop[i], down[i + 1], reach[i]);
                } else {
                    changed |= step(i, -1, t, stop[i], down[i + 1], reach[i]);
                }
                if (i > from) {
                    for (int k = 0; k < n; k++) {
                        down[i][k] = stops(t, i, k) ? stop[i][k] : down[i + 1][k];
                    }
                }
            }
            // one coordinate is exact after one step
            if (!changed || coordinates == 1) {
                return;
            }
        }
    }

    /**
     * The exact best threshold of stage {@code i} for the samples that disagree ({@code group} 0),
     * agree (1) or all of them (−1, setting both values), given the others; true when it changed.
     */
    private boolean step(int i, int group, double[] t, double[] stopHere, double[] goOn, boolean[] reaches) {
        double allStop = 0;
        double current = 0;
        for (int k = 0; k < n; k++) {
            if (reaches[k] && inGroup(i, k, group)) {
                allStop += stopHere[k];
                current += stops(t, i, k) ? stopHere[k] : goOn[k];
            }
        }
        double total = allStop;
        double bestTotal = allStop;
        double bestT = Double.NEGATIVE_INFINITY;
        int[] byConfidence = order[i];
        double[] c = confidence[i];
        int previous = -1;
        for (int j = 0; j < n; j++) {
            int k = byConfidence[j];
            if (!reaches[k] || !inGroup(i, k, group)) {
                continue;
            }
            if (previous >= 0 && c[k] > c[previous] && total < bestTotal - EPS) {
                bestTotal = total;
                bestT = c[previous] + (c[k] - c[previous]) / 2;
            }
            total += goOn[k] - stopHere[k];
            previous = k;
        }
        if (previous >= 0 && total < bestTotal - EPS) {
            bestTotal = total;
            bestT = Double.POSITIVE_INFINITY;
        }
        // sums over thousands of samples in different orders differ by rounding: only a real gain counts
        if (bestTotal < current - EPS * (n + 1) * 1e3) {
            if (group <= 0) {
                t[2 * i] = bestT;
            }
            if (group != 0) {
                t[2 * i + 1] = bestT;
            }
            return true;
        }
        return false;
    }

    private boolean inGroup(int i, int k, int group) {
        return group < 0 || this.group[i][k] == group;
    }

    private double[] startGrid() {
        double[] c = Arrays.stream(confidence[0]).sorted().distinct().toArray();
        if (c.length <= START_GRID) {
            double[] all = new double[c.length + 1];
            all[0] = Double.NEGATIVE_INFINITY;
            for (int j = 0; j + 1 < c.length; j++) {
                all[j + 1] = c[j] + (c[j + 1] - c[j]) / 2;
            }
            all[c.length] = Double.POSITIVE_INFINITY;
            return all;
        }
        double[] grid = new double[START_GRID + 1];
        grid[0] = Double.NEGATIVE_INFINITY;
        for (int q = 1; q < START_GRID; q++) {
            int j = (int) ((long) q * (c.length - 1) / START_GRID);
            grid[q] = c[j] + (c[j + 1] - c[j]) / 2;
        }
        grid[START_GRID] = Double.POSITIVE_INFINITY;
        return grid;
    }
}
