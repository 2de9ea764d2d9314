package io.tierserve.policy.tier;

import io.tierserve.policy.estimation.CascadeEstimator;
import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.evaluation.AccuracyGap;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileSplit;
import io.tierserve.policy.profile.ProfileStage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Resolves tiers to optimal index policies (ALGORITHMS.md §6).
 *
 * <p>Everything is planned on the fit half: the served model is estimated there, and μ and the
 * mixing probability are chosen so that the fit half's cross-fitted replay ({@link
 * CrossFitPlanner}) meets the constraint exactly, tightened by {@code safetyFactor} expected
 * held-out bound half-widths. The plan is then replayed on the held-out half, where a one-sided
 * 97.5 % bound must keep the promise ({@link TierStatus#MET}). Otherwise the aim is tightened by
 * another half of a half-width at a time — a more conservative μ or mix — until the bound holds
 * ({@link TierStatus#CONSERVATIVE}) or the extreme policy fails too ({@link TierStatus#INFEASIBLE}).
 * A tier is never reported as met when its bound misses.
 *
 * <p>An accuracy tolerance ε promises accuracy at most ε below the most accurate single stage
 * (chosen on the fit half). Its held-out check is paired ({@link AccuracyGap}): the bound on how
 * much less accurate the plan is than that stage on the same held-out samples must be at most ε. A
 * latency budget is checked on the normal bound of the mean latency.
 *
 * <p>Each tier is planned with every {@link PolicyFamily} asked for that applies to the cascade (by
 * default recall-optimal and, on a line, optimal no-recall); among the plans whose held-out bound keeps the promise, the one with the
 * lower fit-half mean latency (latency budget: higher fit-half accuracy) is served, recall on ties.
 * Choosing on the fit half keeps the held-out half an unbiased check of the one served. An explicit
 * μ is served by the recall-optimal policy for it.
 */
public final class TierResolver {

    private static final double Z = 1.959963984540054;
    private static final int MAX_TIGHTENINGS = 40;

    private TierResolver() {}

    /** Every tier planned with both policy families. */
    public static List<TierResolution> resolve(Profile profile, List<TierSpec> tiers, TierSettings settings) {
        return resolve(profile, tiers, settings, EnumSet.allOf(PolicyFamily.class));
    }

    /**
     * Every tier planned with those of {@code families} that apply to the cascade (no-recall needs
     * a line).
     *
     * @throws IllegalArgumentException when none applies
     */
    public static List<TierResolution> resolve(
            Profile profile, List<TierSpec> tiers, TierSettings settings, Set<PolicyFamily> families) {
        Set<PolicyFamily> usable = EnumSet.noneOf(PolicyFamily.class);
        for (PolicyFamily family : families) {
            if (family.appliesTo(profile)) {
                usable.add(family);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("none of the policy families " + families + " applies to cascade "
                    + profile.cascade() + " (no-recall needs a line)");
        }
        ProfileSplit split = profile.split(settings.seed());
        EstimatedCascade estimated = CascadeEstimator.estimate(split.fit(), settings.estimation());
        // A tiny fit half cannot have more folds than samples.
        int folds = Math.min(settings.crossFitFolds(), split.fit().sampleCount());
        Planner planner = folds > 1
                ? new CrossFitPlanner(split.fit(), settings.estimation(), folds, settings.seed() + 1)
                : Planner.inSample(ReplayEvaluator.of(split.fit(), estimated.deviceClass()));
        ReplayEvaluator heldOut = ReplayEvaluator.of(split.heldOut(), estimated.deviceClass());
        int best = bestSingleStage(split.fit());
        Reference reference = new Reference(
                profile.stages().get(best).id(),
                bestSingleStageAccuracy(split.fit()),
                planner.correctAt(best),
                heldOut.correctAt(best));
        List<String> stageIds = profile.stages().stream().map(ProfileStage::id).toList();
        List<TierResolution> result = new ArrayList<>();
        for (TierSpec tier : tiers) {
            long deadline = tier.deadlineMs() == null
                    ? ReplayEvaluator.NO_DEADLINE
                    : ReplayEvaluator.deadlineNanos(tier.deadlineMs());
            List<TierResolution> candidates = new ArrayList<>();
            for (PolicyFamily family : usable) {
                if (tier.kind() == TierSpec.Kind.EXPLICIT_MU && family != first(usable)) {
                    continue;
                }
                TierSearch search = new TierSearch(
                        family, estimated, planner, heldOut, deadline, settings.bisectionSteps(), stageIds);
                candidates.add(
                        switch (tier.kind()) {
                            case ACCURACY_TOLERANCE ->
                                constrained(
                                        tier,
                                        Constraint.ACCURACY,
                                        reference.fitAccuracy() - tier.value(),
                                        search,
                                        settings,
                                        reference);
                            case LATENCY_BUDGET ->
                                constrained(tier, Constraint.LATENCY, tier.value(), search, settings, reference);
                            case EXPLICIT_MU -> explicit(tier, search);
                        });
            }
            result.add(choose(tier, candidates));
        }
        return result;
    }

    private static PolicyFamily first(Set<PolicyFamily> families) {
        return families.contains(PolicyFamily.RECALL)
                ? PolicyFamily.RECALL
                : families.iterator().next();
    }

    /**
     * The most accurate single stage on the fit half: its id, fit accuracy, and per sample whether
     * it is right on the planner's fit samples and on the held-out ones.
     */
    private record Reference(String stage, double fitAccuracy, boolean[] fit, boolean[] heldOut) {}

    /** The served plan among the families' (in family order): feasible first, then the cheaper on the fit half. */
    private static TierResolution choose(TierSpec tier, List<TierResolution> candidates) {
        TierResolution chosen = null;
        for (TierResolution r : candidates) {
            if (r.status() == TierStatus.INFEASIBLE) {
                continue;
            }
            if (chosen == null || better(tier, r, chosen)) {
                chosen = r;
            }
        }
        if (chosen != null) {
            return chosen;
        }
        TierResolution closest = candidates.get(0);
        if (candidates.size() == 1) {
            return closest;
        }
        StringBuilder reason = new StringBuilder();
        for (TierResolution r : candidates) {
            reason.append(reason.length() == 0 ? "" : "; ")
                    .append(r.family().description())
                    .append(": ")
                    .append(r.reason());
        }
        return closest.withReason(reason.toString());
    }

    private static boolean better(TierSpec tier, TierResolution a, TierResolution b) {
        return tier.kind() == TierSpec.Kind.LATENCY_BUDGET
                ? a.fit().accuracy() > b.fit().accuracy()
                : a.fit().meanLatencyMs() < b.fit().meanLatencyMs();
    }

    /** The fit-half accuracy of the most accurate stage (each stage alone, its ancestors run first). */
    static double bestSingleStageAccuracy(Profile samples) {
        return accuracy(samples, bestSingleStage(samples));
    }

    /** The index of the most accurate stage on {@code samples} (the earlier on ties). */
    static int bestSingleStage(Profile samples) {
        int best = 0;
        for (int v = 1; v < samples.stageCount(); v++) {
            if (accuracy(samples, v) > accuracy(samples, best)) {
                best = v;
            }
        }
        return best;
    }

    private static double accuracy(Profile samples, int stage) {
        int correct = 0;
        for (ProfileSample s : samples.samples()) {
            if (s.correct(stage)) {
                correct++;
            }
        }
        return (double) correct / samples.sampleCount();
    }

    private static TierResolution constrained(
            TierSpec tier,
            Constraint c,
            double promise,
            TierSearch search,
            TierSettings settings,
            Reference reference) {
        String family = search.family().description();
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
                            "on the fit half the %s %s policy's %s is %.4g, the promise %.4g",
                            c.atLeast() ? "most accurate" : "fastest",
                            family,
                            c.quantityName(),
                            c.quantity().applyAsDouble(extreme),
                            promise));
        }
        double halfWidth = expectedHeldOutHalfWidth(c, promise, search, reference);
        String planned = null;
        Plan last = Plan.of(extreme);
        for (int k = 0; k <= MAX_TIGHTENINGS; k++) {
            double aim = c.tightened(promise, (settings.safetyFactor() + 0.5 * k) * halfWidth);
            // the last try is the extreme policy itself: tightening may stall on a flat stretch
            Plan plan = k == MAX_TIGHTENINGS ? null : search.plan(c.quantity(), aim, c.atLeast());
            boolean atExtreme = plan == null;
            if (atExtreme) {
                plan = Plan.of(extreme);
            }
            last = plan;
            Metrics held = search.heldOutMetrics(plan);
            AccuracyGap gap = c.atLeast() ? search.heldOutGap(plan, reference.heldOut()) : null;
            boolean keeps =
                    gap != null ? gap.within(tier.value()) : c.keeps(c.bound().applyAsDouble(held), promise);
            String check = gap != null
                    ? String.format(
                            Locale.ROOT,
                            "held-out accuracy %.4f, %.4f below %s on the same samples (bound %.4f, tolerance %.4g)",
                            held.accuracy(),
                            gap.gap(),
                            reference.stage(),
                            gap.gapHigh(),
                            tier.value())
                    : String.format(
                            Locale.ROOT,
                            "held-out %s %.4g (bound %.4g, promise %.4g)",
                            c.quantityName(),
                            c.point().applyAsDouble(held),
                            c.bound().applyAsDouble(held),
                            promise);
            if (planned == null) {
                planned = check;
            }
            if (keeps) {
                String reason = k == 0
                        ? String.format(
                                Locale.ROOT, "%s: %s keeps the promise (aim on the fit half %.4g)", family, check, aim)
                        : String.format(
                                Locale.ROOT,
                                "%s: the planned policy missed the promise (%s); %s (mu=%.4g): %s holds",
                                family,
                                planned,
                                atExtreme
                                        ? "fell back to the " + (c.atLeast() ? "most accurate" : "fastest") + " policy"
                                        : String.format(Locale.ROOT, "tightened to aim %.4g on the fit half", aim),
                                plan.first().mu(),
                                check);
                return resolved(
                        tier,
                        k == 0 ? TierStatus.MET : TierStatus.CONSERVATIVE,
                        promise,
                        aim,
                        plan,
                        search,
                        held,
                        gap,
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
                        "no %s policy's held-out bound keeps the promise (planned policy: %s)",
                        family,
                        planned));
    }

    /**
     * The half-width the held-out bound is expected to have: for accuracy, the paired gap's on the
     * fit half's cross-fitted outcomes at the untightened plan; for latency, the fit half's spread at
     * the untightened plan; both rescaled to the held-out size.
     */
    private static double expectedHeldOutHalfWidth(
            Constraint c, double promise, TierSearch search, Reference reference) {
        int n = Math.max(2, search.heldOutSamples());
        double rescale = Math.sqrt((search.fitSamples() - 1.0) / (n - 1.0));
        Plan first = search.plan(c.quantity(), promise, c.atLeast());
        if (first == null) {
            first = Plan.of(search.candidate(c.atLeast() ? search.lowMu() : search.highMu()));
        }
        if (c.atLeast()) {
            AccuracyGap gap = search.fitGap(first, reference.fit());
            // at least one fit sample's worth, so that tightening moves even where the plan
            // agrees with the reference on every sample
            return Math.max(gap.gapHigh() - gap.gap(), 1.0 / search.fitSamples()) * rescale;
        }
        Metrics fitted = search.fitMetrics(first);
        return (fitted.meanLatencyHighMs() - fitted.meanLatencyMs()) * rescale;
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
                null,
                "explicit trade-off mu=" + tier.value() + ": " + search.family().description()
                        + " policy for it, no accuracy or latency promise");
    }

    private static TierResolution resolved(
            TierSpec tier,
            TierStatus status,
            double promise,
            double aim,
            Plan plan,
            TierSearch search,
            Metrics held,
            AccuracyGap gap,
            String reason) {
        EstimatedCascade e = search.estimated();
        PolicyDocument first =
                plan.first().solution().toDocument(e.bins(), e.p99Nanos()).withStageIds(search.stageIds());
        PolicyDocument second = plan.second() == null
                ? null
                : plan.second().solution().toDocument(e.bins(), e.p99Nanos()).withStageIds(search.stageIds());
        return new TierResolution(
                tier,
                search.family(),
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
                gap,
                plan.second() == null
                        ? plan.first().solution().expectedLoss()
                        : plan.p() * plan.first().solution().expectedLoss()
                                + (1 - plan.p()) * plan.second().solution().expectedLoss());
    }

    private static TierResolution infeasible(
            TierSpec tier, double promise, double aim, Candidate closest, TierSearch search, String reason) {
        return new TierResolution(
                tier,
                search.family(),
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
                null,
                closest.solution().expectedLoss());
    }
}
