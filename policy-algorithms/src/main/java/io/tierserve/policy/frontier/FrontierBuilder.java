package io.tierserve.policy.frontier;

import io.tierserve.policy.baseline.CascadePaths;
import io.tierserve.policy.baseline.PatiencePolicy;
import io.tierserve.policy.baseline.SingleStagePolicy;
import io.tierserve.policy.baseline.ThresholdPolicy;
import io.tierserve.policy.estimation.CascadeEstimator;
import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.estimation.SkipEstimator;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileSplit;
import io.tierserve.policy.solver.Solution;
import io.tierserve.policy.solver.Solvers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Builds the held-out frontier of every strategy (docs/algorithms.md#replay-and-evaluation).
 *
 * <p>The model and the solvers see only the fit half; every row is replayed on the held-out half. Heuristic parameters (θ, K)
 * are swept over their whole range, so each heuristic is shown at its best.
 */
public final class FrontierBuilder {

    public static final String RECALL = "recall-optimal";
    public static final String RECALL_SKIPS = "recall-optimal-skips";
    public static final String NO_RECALL = "no-recall-optimal";
    public static final String THRESHOLD = "threshold";
    public static final String PATIENCE = "patience";
    public static final String SINGLE_STAGE = "single-stage";
    public static final String ORACLE = "oracle";

    private FrontierBuilder() {}

    public static FrontierReport build(Profile profile, FrontierSettings settings) {
        ProfileSplit split = profile.split(settings.seed());
        EstimatedCascade estimated = CascadeEstimator.estimate(split.fit(), settings.estimation());
        ReplayEvaluator heldOut = ReplayEvaluator.of(split.heldOut(), estimated.deviceClass());
        int n = profile.stageCount();
        int[] path = CascadePaths.deepestPath(profile.parentIndices());
        double full = heldOut.evaluate(new SingleStagePolicy(n, path, path.length - 1, null))
                .meanLatencyMs();
        List<FrontierRow> rows = new ArrayList<>();
        double[] mus = MuGrid.logSpaced(estimated.model(), settings.muPoints());
        solverRows(rows, RECALL, Solvers::recall, mus, estimated, heldOut, full);
        if (estimated.model().isLine()) {
            solverRows(rows, NO_RECALL, Solvers::noRecall, mus, estimated, heldOut, full);
        }
        if (settings.skips()) {
            SkipCascade skips = SkipEstimator.estimate(split.fit(), estimated, settings.estimation());
            ReplayEvaluator skipping = heldOut.allowingSkips();
            for (double mu : mus) {
                Solution solution = Solvers.recallWithSkips(skips, mu);
                Metrics m = skipping.evaluate(solution.toPolicy(estimated.bins(), estimated.p99Nanos()));
                rows.add(row(RECALL_SKIPS, "mu=" + format(mu), m, full, solution.expectedObjective(), m.objective(mu)));
            }
        }
        for (double theta : thresholds(split.heldOut(), path, settings.thresholdPoints())) {
            Metrics m = heldOut.evaluate(new ThresholdPolicy(n, path, theta, null));
            rows.add(row(THRESHOLD, "theta=" + format(theta), m, full, Double.NaN, Double.NaN));
        }
        for (int k = 1; k < path.length; k++) {
            Metrics m = heldOut.evaluate(new PatiencePolicy(n, path, k, null));
            rows.add(row(PATIENCE, "K=" + k, m, full, Double.NaN, Double.NaN));
        }
        for (int k = 0; k < path.length; k++) {
            Metrics m = heldOut.evaluate(new SingleStagePolicy(n, path, k, null));
            rows.add(row(SINGLE_STAGE, "stage=" + profile.stages().get(path[k]).id(), m, full, Double.NaN, Double.NaN));
        }
        rows.add(row(ORACLE, "", heldOut.oracle(path), full, Double.NaN, Double.NaN));
        return new FrontierReport(
                profile.cascade(),
                estimated.deviceClass(),
                split.fit().sampleCount(),
                split.heldOut().sampleCount(),
                full,
                rows);
    }

    private static void solverRows(
            List<FrontierRow> rows,
            String strategy,
            BiFunction<MarkovCascade, Double, Solution> solver,
            double[] mus,
            EstimatedCascade estimated,
            ReplayEvaluator heldOut,
            double full) {
        for (double mu : mus) {
            Solution solution = solver.apply(estimated.model(), mu);
            CascadePolicy policy = solution.toPolicy(estimated.bins(), estimated.p99Nanos());
            Metrics m = heldOut.evaluate(policy);
            rows.add(row(strategy, "mu=" + format(mu), m, full, solution.expectedObjective(), m.objective(mu)));
        }
    }

    /** Up to {@code points} thresholds at quantiles of the confidences observed on the path, plus one above them all. */
    static double[] thresholds(Profile samples, int[] path, int points) {
        double[] all = new double[samples.sampleCount() * path.length];
        int i = 0;
        for (ProfileSample s : samples.samples()) {
            for (int v : path) {
                all[i++] = s.outputs().get(v).confidence();
            }
        }
        Arrays.sort(all);
        double[] thetas = new double[points + 1];
        int count = 0;
        // The largest confidence itself is left out: the threshold just above it (added below) differs only
        // on samples that tie it.
        for (int q = 0; q < points - 1; q++) {
            double theta = all[(int) ((long) q * (all.length - 1) / Math.max(1, points - 1))];
            if (count == 0 || theta > thetas[count - 1]) {
                thetas[count++] = theta;
            }
        }
        // Above every confidence: the threshold rule runs the whole path.
        thetas[count++] = Math.nextUp(all[all.length - 1]);
        return Arrays.copyOf(thetas, count);
    }

    private static FrontierRow row(
            String strategy, String parameter, Metrics m, double full, double predicted, double replayed) {
        return new FrontierRow(
                strategy,
                parameter,
                m.accuracy(),
                m.accuracyLow(),
                m.accuracyHigh(),
                m.meanLatencyMs(),
                m.p99LatencyMs(),
                full > 0 ? m.meanLatencyMs() / full : Double.NaN,
                m.recallRate(),
                predicted,
                replayed);
    }

    static String format(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }
}
