package io.tierserve.policy.tier;

import io.tierserve.policy.estimation.CascadeEstimator;
import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileSplit;
import io.tierserve.policy.profile.ProfileStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves tiers to recall-optimal policies (ALGORITHMS.md §6).
 *
 * <p>Everything is planned on the fit half: the served model is estimated there, and μ and the
 * mixing probability are chosen so that the fit half's cross-fitted replay ({@link
 * CrossFitPlanner}) meets the constraint exactly, tightened by {@code safetyFactor} expected
 * held-out bound half-widths. The plan is then replayed on the held-out half: the one-sided 97.5 %
 * bound (Wilson for accuracy, normal for mean latency) must keep the promise ({@link
 * TierStatus#MET}). Otherwise the aim is tightened by another half of a half-width at a time — a
 * more conservative μ or mix — until the bound holds ({@link TierStatus#CONSERVATIVE}) or the
 * extreme policy fails too ({@link TierStatus#INFEASIBLE}). A tier is never reported as met when
 * its bound misses.
 */
public final class TierResolver {

    private static final double Z = 1.959963984540054;
    private static final int MAX_TIGHTENINGS = 40;

    private TierResolver() {}

    public static List<TierResolution> resolve(Profile profile, List<TierSpec> tiers, TierSettings settings) {
        ProfileSplit split = profile.split(settings.seed());
        EstimatedCascade estimated = CascadeEstimator.estimate(split.fit(), settings.estimation());
        Planner planner = settings.crossFitFolds() > 1
                ? new CrossFitPlanner(split.fit(), settings.estimation(), settings.crossFitFolds(), settings.seed() + 1)
                : Planner.inSample(ReplayEvaluator.of(split.fit(), estimated.deviceClass()));
        ReplayEvaluator heldOut = ReplayEvaluator.of(split.heldOut(), estimated.deviceClass());
        double bestSingle = bestSingleStageAccuracy(split.fit());
        List<String> stageIds = profile.stages().stream().map(ProfileStage::id).toList();
        List<TierResolution> result = new ArrayList<>();
        for (TierSpec tier : tiers) {
            long deadline = tier.deadlineMs() == null
                    ? ReplayEvaluator.NO_DEADLINE
                    : ReplayEvaluator.deadlineNanos(tier.deadlineMs());
            TierSearch search =
                    new TierSearch(estimated, planner, heldOut, deadline, settings.bisectionSteps(), stageIds);
            result.add(
                    switch (tier.kind()) {
                        case ACCURACY_TOLERANCE ->
                            constrained(tier, Constraint.ACCURACY, bestSingle - tier.value(), search, settings);
                        case LATENCY_BUDGET -> constrained(tier, Constraint.LATENCY, tier.value(), search, settings);
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

    private static TierResolution constrained(
            TierSpec tier, Constraint c, double promise, TierSearch search, TierSettings settings) {
        Candidate extreme = search.candidate(c.atLeast() ? search.lowMu() : search.highMu());
        if (!c.keeps(c.quantity().applyAsDouble(extreme), promise)) {
            return infeasible(
                    tier,
                    promise,
                    promise,
                    extreme,
                    search,
                    String.format(
                            Locale.ROOT,
                            "on the fit half the %s recall policy's %s is %.4g, the promise %.4g",
                            c.atLeast() ? "most accurate" : "fastest",
                            c.quantityName(),
                            c.quantity().applyAsDouble(extreme),
                            promise));
        }
        double halfWidth = expectedHeldOutHalfWidth(c, promise, search);
        Metrics planned = null;
        Plan last = Plan.of(extreme);
        for (int k = 0; k <= MAX_TIGHTENINGS; k++) {
            double aim = c.tightened(promise, (settings.safetyFactor() + 0.5 * k) * halfWidth);
            Plan plan = search.plan(c.quantity(), aim, c.atLeast());
            boolean atExtreme = plan == null;
            if (atExtreme) {
                plan = Plan.of(extreme);
            }
            last = plan;
            Metrics held = search.heldOutMetrics(plan);
            if (planned == null) {
                planned = held;
            }
            if (c.keeps(c.bound().applyAsDouble(held), promise)) {
                String reason = k == 0
                        ? String.format(
                                Locale.ROOT,
                                "held-out %s %.4g, bound %.4g keeps the promise %.4g (aim on the fit half %.4g)",
                                c.quantityName(),
                                c.point().applyAsDouble(held),
                                c.bound().applyAsDouble(held),
                                promise,
                                aim)
                        : String.format(
                                Locale.ROOT,
                                "the planned policy's held-out bound %.4g missed the promise %.4g; %s (mu=%.4g),"
                                        + " bound %.4g holds",
                                c.bound().applyAsDouble(planned),
                                promise,
                                atExtreme
                                        ? "fell back to the " + (c.atLeast() ? "most accurate" : "fastest") + " policy"
                                        : String.format(Locale.ROOT, "tightened to aim %.4g on the fit half", aim),
                                plan.first().mu(),
                                c.bound().applyAsDouble(held));
                return resolved(
                        tier,
                        k == 0 ? TierStatus.MET : TierStatus.CONSERVATIVE,
                        promise,
                        aim,
                        plan,
                        search,
                        held,
                        reason);
            }
            if (atExtreme) {
                break;
            }
        }
        return infeasible(
                tier,
                promise,
                promise,
                last.first(),
                search,
                String.format(
                        Locale.ROOT,
                        "no recall policy's held-out %s bound keeps the promise %.4g (planned policy's bound: %.4g)",
                        c.quantityName(),
                        promise,
                        c.bound().applyAsDouble(planned)));
    }

    /**
     * The half-width the held-out bound is expected to have: binomial at the promise for accuracy;
     * for latency, the fit half's spread at the untightened plan, rescaled to the held-out size.
     */
    private static double expectedHeldOutHalfWidth(Constraint c, double promise, TierSearch search) {
        int n = Math.max(2, search.heldOutSamples());
        if (c.atLeast()) {
            return Z * Math.sqrt(promise * (1 - promise) / n);
        }
        Plan first = search.plan(c.quantity(), promise, false);
        Metrics fitted = search.fitMetrics(first == null ? Plan.of(search.candidate(search.highMu())) : first);
        return (fitted.meanLatencyHighMs() - fitted.meanLatencyMs())
                * Math.sqrt((search.fitSamples() - 1.0) / (n - 1.0));
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
        PolicyDocument first =
                plan.first().solution().toDocument(e.bins(), e.p99Nanos()).withStageIds(search.stageIds());
        PolicyDocument second = plan.second() == null
                ? null
                : plan.second().solution().toDocument(e.bins(), e.p99Nanos()).withStageIds(search.stageIds());
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
                held,
                plan.second() == null
                        ? plan.first().solution().expectedLoss()
                        : plan.p() * plan.first().solution().expectedLoss()
                                + (1 - plan.p()) * plan.second().solution().expectedLoss());
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
                search.heldOutMetrics(Plan.of(closest)),
                closest.solution().expectedLoss());
    }
}
