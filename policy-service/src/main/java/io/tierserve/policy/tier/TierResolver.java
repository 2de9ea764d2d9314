package io.tierserve.policy.tier;

import io.tierserve.policy.estimation.CascadeEstimator;
import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.frontier.MuGrid;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves tiers to recall-optimal policies (ALGORITHMS.md §6).
 *
 * <p>Everything is planned on the fit half: the model is estimated there, and μ and the mixing
 * probability are chosen so that the replayed fit metrics meet the constraint exactly, tightened
 * by {@code safetyFactor} expected held-out bound half-widths. The plan is then replayed on the
 * held-out half: the one-sided 97.5 % bound (Wilson for accuracy, normal for mean latency) must
 * keep the promise ({@link TierStatus#MET}); otherwise more conservative μ values are tried until
 * one's bound holds ({@link TierStatus#CONSERVATIVE}) or none does ({@link TierStatus#INFEASIBLE}).
 * A tier is never reported as met when its bound misses.
 */
public final class TierResolver {

    private static final double Z = 1.959963984540054;

    private TierResolver() {}

    public static List<TierResolution> resolve(Profile profile, List<TierSpec> tiers, TierSettings settings) {
        ProfileSplit split = profile.split(settings.seed());
        EstimatedCascade estimated = CascadeEstimator.estimate(split.fit(), settings.estimation());
        ReplayEvaluator fit = ReplayEvaluator.of(split.fit(), estimated.deviceClass());
        ReplayEvaluator heldOut = ReplayEvaluator.of(split.heldOut(), estimated.deviceClass());
        double bestSingle = bestSingleStageAccuracy(split.fit());
        List<TierResolution> result = new ArrayList<>();
        for (TierSpec tier : tiers) {
            long deadline = tier.deadlineMs() == null
                    ? ReplayEvaluator.NO_DEADLINE
                    : ReplayEvaluator.deadlineNanos(tier.deadlineMs());
            TierSearch search = new TierSearch(estimated, fit, heldOut, deadline, settings.bisectionSteps());
            result.add(
                    switch (tier.kind()) {
                        case ACCURACY_TOLERANCE -> accuracy(tier, bestSingle - tier.value(), search, settings);
                        case LATENCY_BUDGET -> latency(tier, search, settings);
                        case EXPLICIT_MU -> explicit(tier, search);
                    });
        }
        return result;
    }

    /** The fit-half accuracy of the most accurate stage (each stage alone, its ancestors run first). */
    static double bestSingleStageAccuracy(Profile samples) {
        double best = 0;
        for (int v = 0; v < samples.stageCount(); v++) {
            int correct = 0;
            for (ProfileSample s : samples.samples()) {
                if (s.correct(v)) {
                    correct++;
                }
            }
            best = Math.max(best, (double) correct / samples.sampleCount());
        }
        return best;
    }

    private static TierResolution accuracy(TierSpec tier, double promise, TierSearch search, TierSettings settings) {
        int n = search.heldOutSamples();
        double margin = settings.safetyFactor() * Z * Math.sqrt(promise * (1 - promise) / n);
        double aim = Math.min(promise + margin, 1.0);
        Plan plan = search.plan(Candidate::accuracy, aim, true);
        if (plan == null) {
            // The tightened aim is out of reach; the most accurate policy may still keep the bare promise.
            Candidate most = search.candidate(search.lowMu());
            if (most.accuracy() < promise) {
                return infeasible(tier, promise, aim, most, search, String.format(
                        Locale.ROOT,
                        "on the fit half the most accurate recall policy reaches %.4f < promised %.4f",
                        most.accuracy(),
                        promise));
            }
            plan = Plan.of(most);
        }
        Metrics held = search.heldOutMetrics(plan);
        if (held.accuracyLow() >= promise) {
            return resolved(tier, TierStatus.MET, promise, aim, plan, search, held, String.format(
                    Locale.ROOT,
                    "held-out accuracy %.4f, lower bound %.4f >= promised %.4f",
                    held.accuracy(),
                    held.accuracyLow(),
                    promise));
        }
        double[] mus = MuGrid.logSpaced(search.estimated().model(), settings.conservativePoints());
        Metrics missed = held;
        for (int i = mus.length - 1; i >= 0; i--) {
            if (mus[i] >= plan.smallestMu()) {
                continue;
            }
            Candidate c = search.candidate(mus[i]);
            Metrics m = search.heldOutMetrics(Plan.of(c));
            if (m.accuracyLow() >= promise) {
                return resolved(tier, TierStatus.CONSERVATIVE, promise, aim, Plan.of(c), search, m, String.format(
                        Locale.ROOT,
                        "the planned policy's held-out lower bound %.4f missed %.4f; mu=%.4g holds (bound %.4f)",
                        missed.accuracyLow(),
                        promise,
                        c.mu(),
                        m.accuracyLow()));
            }
        }
        return infeasible(tier, promise, aim, plan.first(), search, String.format(
                Locale.ROOT,
                "no recall policy's held-out accuracy lower bound reaches %.4f (planned policy: %.4f)",
                promise,
                missed.accuracyLow()));
    }

    private static TierResolution latency(TierSpec tier, TierSearch search, TierSettings settings) {
        double promise = tier.value();
        Plan first = search.plan(Candidate::latency, promise, false);
        if (first == null) {
            Candidate fastest = search.candidate(search.highMu());
            return infeasible(tier, promise, promise, fastest, search, String.format(
                    Locale.ROOT,
                    "on the fit half the fastest recall policy takes %.4g ms > budget %.4g ms",
                    fastest.latency(),
                    promise));
        }
        // The expected held-out half-width of the mean, from the fit half's spread at the first plan.
        Metrics fitted = search.fitMetrics(first);
        double halfWidth = (fitted.meanLatencyHighMs() - fitted.meanLatencyMs())
                * Math.sqrt((search.fitSamples() - 1.0) / Math.max(1, search.heldOutSamples() - 1));
        double aim = promise - settings.safetyFactor() * halfWidth;
        Plan plan = search.plan(Candidate::latency, aim, false);
        if (plan == null) {
            plan = Plan.of(search.candidate(search.highMu()));
        }
        Metrics held = search.heldOutMetrics(plan);
        if (held.meanLatencyHighMs() <= promise) {
            return resolved(tier, TierStatus.MET, promise, aim, plan, search, held, String.format(
                    Locale.ROOT,
                    "held-out mean latency %.4g ms, upper bound %.4g ms <= budget %.4g ms",
                    held.meanLatencyMs(),
                    held.meanLatencyHighMs(),
                    promise));
        }
        double[] mus = MuGrid.logSpaced(search.estimated().model(), settings.conservativePoints());
        for (double mu : mus) {
            if (mu <= plan.largestMu()) {
                continue;
            }
            Candidate c = search.candidate(mu);
            Metrics m = search.heldOutMetrics(Plan.of(c));
            if (m.meanLatencyHighMs() <= promise) {
                return resolved(tier, TierStatus.CONSERVATIVE, promise, aim, Plan.of(c), search, m, String.format(
                        Locale.ROOT,
                        "the planned policy's held-out upper bound %.4g ms exceeded %.4g ms; mu=%.4g holds (%.4g ms)",
                        held.meanLatencyHighMs(),
                        promise,
                        c.mu(),
                        m.meanLatencyHighMs()));
            }
        }
        return infeasible(tier, promise, aim, plan.first(), search, String.format(
                Locale.ROOT,
                "no recall policy's held-out mean latency upper bound is within %.4g ms (planned: %.4g ms)",
                promise,
                held.meanLatencyHighMs()));
    }

    private static TierResolution explicit(TierSpec tier, TierSearch search) {
        Plan plan = Plan.of(search.candidate(tier.value()));
        Metrics held = search.heldOutMetrics(plan);
        return resolved(
                tier,
                TierStatus.MET,
                Double.NaN,
                Double.NaN,
                plan,
                search,
                held,
                "explicit trade-off mu=" + tier.value() + ": optimal for it, no accuracy or latency promise");
    }

    private static TierResolution resolved(
            TierSpec tier,
            TierStatus status,
            double promise,
            double aim,
            Plan plan,
            TierSearch search,
            Metrics held,
            String reason) {
        EstimatedCascade e = search.estimated();
        PolicyDocument first = plan.first().solution().toDocument(e.bins(), e.p99Nanos());
        PolicyDocument second =
                plan.second() == null ? null : plan.second().solution().toDocument(e.bins(), e.p99Nanos());
        return new TierResolution(
                tier,
                status,
                reason,
                promise,
                aim,
                plan.first().mu(),
                plan.second() == null ? Double.NaN : plan.second().mu(),
                plan.p(),
                first,
                second,
                search.fitMetrics(plan),
                held);
    }

    private static TierResolution infeasible(
            TierSpec tier, double promise, double aim, Candidate closest, TierSearch search, String reason) {
        return new TierResolution(
                tier,
                TierStatus.INFEASIBLE,
                reason,
                promise,
                aim,
                closest.mu(),
                Double.NaN,
                1.0,
                null,
                null,
                closest.fit(),
                search.heldOutMetrics(Plan.of(closest)));
    }
}
