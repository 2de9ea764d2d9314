package io.tierserve.worker.bench;

import io.tierserve.policy.baseline.CascadePaths;
import io.tierserve.policy.baseline.SingleStagePolicy;
import io.tierserve.policy.baseline.ThresholdPolicy;
import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.estimation.EstimationSettings;
import io.tierserve.policy.estimation.SkipEstimator;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.frontier.MuGrid;
import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.solver.Solution;
import io.tierserve.policy.solver.Solvers;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Picks each strategy's policy at equal accuracy, on the fit half only: the cheapest (lowest replayed
 * mean latency) whose fit accuracy reaches the full model's fit accuracy; the most accurate one when
 * none does.
 */
final class PolicySelection {

    private static final int MU_POINTS = 64;
    private static final int THRESHOLD_POINTS = 200;

    private final Profile fit;
    private final EstimatedCascade estimated;
    private final ReplayEvaluator fitReplay;
    private final int[] path;
    private final int n;

    PolicySelection(Profile fit, EstimatedCascade estimated) {
        this.fit = fit;
        this.estimated = estimated;
        // Allowing skips changes nothing for policies that do not skip; a skip table needs it.
        this.fitReplay = ReplayEvaluator.of(fit, estimated.deviceClass()).allowingSkips();
        this.n = fit.stageCount();
        this.path = CascadePaths.deepestPath(fit.parentIndices());
    }

    ChosenPolicy fullModel() {
        CascadePolicy policy = new SingleStagePolicy(n, path, path.length - 1, null);
        return new ChosenPolicy("full model", "all stages", policy, fitReplay.evaluate(policy));
    }

    ChosenPolicy recall(double target) {
        return bestSolver("recall-optimal", Solvers::recall, target);
    }

    /** The recall-optimal policy with skip edges (separate models only: every stage reads the input). */
    ChosenPolicy recallWithSkips(double target) {
        SkipCascade skips = SkipEstimator.estimate(fit, estimated, EstimationSettings.defaults());
        return bestSolver("recall-optimal with skips", (model, mu) -> Solvers.recallWithSkips(skips, mu), target);
    }

    ChosenPolicy noRecall(double target) {
        return bestSolver("no-recall optimal", Solvers::noRecall, target);
    }

    ChosenPolicy threshold(double target) {
        ChosenPolicy best = null;
        for (double theta : thresholds()) {
            CascadePolicy policy = new ThresholdPolicy(n, path, theta, null);
            best = better(
                    best,
                    new ChosenPolicy(
                            "threshold",
                            String.format(Locale.ROOT, "θ=%.4f", theta),
                            policy,
                            fitReplay.evaluate(policy)),
                    target);
        }
        return best;
    }

    private ChosenPolicy bestSolver(String name, BiFunction<MarkovCascade, Double, Solution> solver, double target) {
        ChosenPolicy best = null;
        for (double mu : MuGrid.logSpaced(estimated.model(), MU_POINTS)) {
            CascadePolicy policy = solver.apply(estimated.model(), mu).toPolicy(estimated.bins(), estimated.p99Nanos());
            best = better(
                    best,
                    new ChosenPolicy(
                            name, String.format(Locale.ROOT, "μ=%.4g", mu), policy, fitReplay.evaluate(policy)),
                    target);
        }
        return best;
    }

    private static ChosenPolicy better(ChosenPolicy best, ChosenPolicy candidate, double target) {
        if (best == null) {
            return candidate;
        }
        boolean bestMeets = best.fit().accuracy() >= target;
        boolean candidateMeets = candidate.fit().accuracy() >= target;
        if (bestMeets != candidateMeets) {
            return candidateMeets ? candidate : best;
        }
        if (candidateMeets) {
            return candidate.fit().meanLatencyMs() < best.fit().meanLatencyMs() ? candidate : best;
        }
        return candidate.fit().accuracy() > best.fit().accuracy() ? candidate : best;
    }

    /** Thresholds at quantiles of the confidences the fit half saw on the path. */
    private double[] thresholds() {
        double[] all = new double[fit.sampleCount() * path.length];
        int i = 0;
        for (ProfileSample sample : fit.samples()) {
            for (int v : path) {
                all[i++] = sample.outputs().get(v).confidence();
            }
        }
        Arrays.sort(all);
        double[] thetas = new double[THRESHOLD_POINTS];
        for (int q = 0; q < THRESHOLD_POINTS; q++) {
            thetas[q] = all[(int) ((long) q * (all.length - 1) / (THRESHOLD_POINTS - 1))];
        }
        return Arrays.stream(thetas).distinct().toArray();
    }
}
