package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.AccuracyGap;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.frontier.MuGrid;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileSplit;
import io.tierserve.policy.profile.ProfileStage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves tiers to serving rules from a portfolio of policy families (docs/algorithms.md#tiers).
 *
 * <p>Everything is planned on the fit half. Every applicable {@link PolicyFamily} fits its rules
 * there for a grid of trade-off weights μ, each measured by the same 5-fold cross-fitted replay
 * ({@link CandidatePool}); a family's plan for a tier is the exact mix of two adjacent rules on the
 * lower convex hull of its candidates that meets the constraint on the fit half, tightened by
 * {@code safetyFactor} expected held-out bound half-widths ({@link TierSearch}). The plan is then
 * replayed on the held-out half, where a one-sided 97.5 % bound must keep the promise ({@link
 * TierStatus#MET}). Otherwise the aim is tightened by another half of a half-width at a time until
 * the bound holds ({@link TierStatus#CONSERVATIVE}) or the extreme rule fails too ({@link
 * TierStatus#INFEASIBLE}). A tier is never reported as met when its bound misses.
 *
 * <p>An accuracy tolerance ε promises accuracy at most ε below the most accurate single stage
 * (chosen on the fit half). Its held-out check is paired ({@link AccuracyGap}): the bound on how
 * much less accurate the plan is than that stage on the same held-out samples must be at most ε. A
 * latency budget is checked on the normal bound of the mean latency.
 *
 * <p>The served plan is the cheapest on the fit half (latency budget: the most accurate) among the
 * families' plans that are MET, else among the CONSERVATIVE ones; ties go to the family registered
 * first. Ranking on the fit half keeps each held-out bound a check of one planned rule; the promise
 * coverage measurement ({@link PromiseCoverage}) checks on fresh data that choosing among several
 * such checked plans keeps the promises at the stated rate. An explicit μ is served by the
 * recall-optimal policy for it.
 */
public final class TierResolver {

    private static final int MAX_TIGHTENINGS = 40;

    private TierResolver() {}

    /** Every tier planned with every family of the portfolio that applies. */
    public static List<TierResolution> resolve(Profile profile, List<TierSpec> tiers, TierSettings settings) {
        return resolve(profile, tiers, settings, Set.copyOf(PolicyFamily.all()));
    }

    /**
     * Every tier planned with those of {@code families} that apply to the cascade (no-recall,
     * thresholds and skips need a line; skips separately run models).
     *
     * @throws IllegalArgumentException when none applies
     */
    public static List<TierResolution> resolve(
            Profile profile, List<TierSpec> tiers, TierSettings settings, Set<PolicyFamily> families) {
        return plan(profile, tiers, settings, families, false).tiers();
    }

    /**
     * Every tier planned with every family of the portfolio that applies, and the held-out frontier
     * of each family: its fit-half hull without a deadline, every rule replayed on the held-out half.
     */
    public static TierPlanning plan(Profile profile, List<TierSpec> tiers, TierSettings settings) {
        return plan(profile, tiers, settings, Set.copyOf(PolicyFamily.all()), true);
    }

    private static TierPlanning plan(
            Profile profile,
            List<TierSpec> tiers,
            TierSettings settings,
            Set<PolicyFamily> families,
            boolean withFrontier) {
        List<PolicyFamily> usable = new ArrayList<>();
        for (PolicyFamily family : PolicyFamily.all()) {
            if (families.contains(family) && family.appliesTo(profile, settings)) {
                usable.add(family);
            }
        }
        TradeOffFamily explicitFamily = usable.contains(PolicyFamily.RECALL)
                ? (TradeOffFamily) PolicyFamily.RECALL
                : usable.stream()
                        .filter(TradeOffFamily.class::isInstance)
                        .map(TradeOffFamily.class::cast)
                        .findFirst()
                        .orElse(null);
        if (explicitFamily == null) {
            throw new IllegalArgumentException("none of the policy families "
                    + families.stream().map(PolicyFamily::name).sorted().toList() + " applies to cascade "
                    + profile.cascade() + " (no-recall, thresholds and skips need a line; skips separate models)");
        }
        ProfileSplit split = profile.split(settings.seed());
        TrainingSet full = new TrainingSet(split.fit(), settings);
        String device = full.estimated().deviceClass();
        CrossFit crossFit = new CrossFit(full, settings, device);
        ReplayEvaluator heldOut = ReplayEvaluator.of(split.heldOut(), device);
        double[] mus = MuGrid.logSpaced(full.estimated().model(), settings.muPoints());
        int best = bestSingleStage(split.fit());
        Reference reference = new Reference(
                profile.stages().get(best).id(),
                bestSingleStageAccuracy(split.fit()),
                crossFit.correctAt(best),
                heldOut.correctAt(best));
        List<String> stageIds = profile.stages().stream().map(ProfileStage::id).toList();
        Map<Long, CandidatePool> pools = new HashMap<>();
        List<TierResolution> result = new ArrayList<>();
        for (TierSpec tier : tiers) {
            long deadline = tier.deadlineMs() == null
                    ? ReplayEvaluator.NO_DEADLINE
                    : ReplayEvaluator.deadlineNanos(tier.deadlineMs());
            // a deadline that every stage's p99 fits into cannot cut a walk: the same rules as none
            long p99Sum = 0;
            for (long p99 : full.estimated().p99Nanos()) {
                p99Sum += p99;
            }
            long effective = p99Sum <= deadline ? ReplayEvaluator.NO_DEADLINE : deadline;
            CandidatePool pool = pools.computeIfAbsent(
                    effective, d -> new CandidatePool(crossFit, heldOut, usable, stageIds, mus, d));
            if (tier.kind() == TierSpec.Kind.EXPLICIT_MU) {
                result.add(explicit(tier, pool, explicitFamily));
                continue;
            }
            List<FamilyPlan> plans = new ArrayList<>();
            for (PolicyFamily family : usable) {
                TierSearch search = new TierSearch(family, pool);
                TierResolution r = tier.kind() == TierSpec.Kind.ACCURACY_TOLERANCE
                        ? constrained(
                                tier,
                                Constraint.ACCURACY,
                                reference.fitAccuracy() - tier.value(),
                                search,
                                settings,
                                reference)
                        : constrained(tier, Constraint.LATENCY, tier.value(), search, settings, reference);
                plans.add(new FamilyPlan(family, r, false));
            }
            result.add(choose(tier, plans));
        }
        List<FamilyFrontier> frontiers = new ArrayList<>();
        if (withFrontier) {
            CandidatePool pool = pools.computeIfAbsent(
                    ReplayEvaluator.NO_DEADLINE, d -> new CandidatePool(crossFit, heldOut, usable, stageIds, mus, d));
            for (PolicyFamily family : usable) {
                List<FamilyFrontier.Point> points = new ArrayList<>();
                for (Candidate c : TierSearch.hull(pool.of(family))) {
                    points.add(new FamilyFrontier.Point(
                            c.mu(), c.fit(), pool.heldOut(c).metrics()));
                }
                frontiers.add(new FamilyFrontier(family.name(), family.description(), points));
            }
        }
        return new TierPlanning(result, frontiers, crossFit.samples(), heldOut.sampleCount());
    }

    /**
     * The most accurate single stage on the fit half: its id, fit accuracy, and per sample whether
     * it is right on the cross-fitted fit samples and on the held-out ones.
     */
    private record Reference(String stage, double fitAccuracy, boolean[] fit, boolean[] heldOut) {}

    /** The served plan among the families' (in family order): MET before CONSERVATIVE, then the better on the fit half. */
    private static TierResolution choose(TierSpec tier, List<FamilyPlan> plans) {
        int chosen = -1;
        for (int i = 0; i < plans.size(); i++) {
            TierResolution r = plans.get(i).plan();
            if (r.status() == TierStatus.INFEASIBLE) {
                continue;
            }
            if (chosen < 0 || better(tier, r, plans.get(chosen).plan())) {
                chosen = i;
            }
        }
        List<FamilyPlan> listed = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            listed.add(new FamilyPlan(plans.get(i).plannedBy(), plans.get(i).plan(), i == chosen));
        }
        if (chosen >= 0) {
            return plans.get(chosen).plan().withAlternatives(listed);
        }
        TierResolution closest = plans.get(0).plan();
        if (plans.size() == 1) {
            return closest.withAlternatives(listed);
        }
        StringBuilder reason = new StringBuilder();
        for (FamilyPlan p : plans) {
            reason.append(reason.length() == 0 ? "" : "; ")
                    .append(p.plannedBy().description())
                    .append(": ")
                    .append(p.plan().reason());
        }
        return closest.withReason(reason.toString()).withAlternatives(listed);
    }

    private static boolean better(TierSpec tier, TierResolution a, TierResolution b) {
        if (a.status() != b.status()) {
            return a.status() == TierStatus.MET;
        }
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

    /**
     * One family's plan for a constrained tier: aim {@code safetyFactor} expected held-out
     * half-widths inside the promise, check the plan on the held-out half, and tighten by half a
     * half-width at a time until a check holds or the family's extreme rule fails it too.
     */
    private static TierResolution constrained(
            TierSpec tier,
            Constraint c,
            double promise,
            TierSearch search,
            TierSettings settings,
            Reference reference) {
        String family = search.family().description();
        Candidate extreme = c.atLeast() ? search.mostAccurate() : search.fastest();
        if (!c.keeps(c.quantity().applyAsDouble(extreme), promise)) {
            return infeasible(
                    tier,
                    promise,
                    promise,
                    extreme,
                    search,
                    ResolutionReasons.extremeMisses(c, family, c.quantity().applyAsDouble(extreme), promise));
        }
        double halfWidth = expectedHeldOutHalfWidth(c, promise, search, reference);
        HeldOutCheck planned = null;
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
            HeldOutCheck check = HeldOutCheck.of(tier, c, promise, search, plan, reference);
            if (planned == null) {
                planned = check;
            }
            if (check.keeps()) {
                String reason = k == 0
                        ? ResolutionReasons.kept(family, check.text(), aim)
                        : ResolutionReasons.keptAfterTightening(
                                family,
                                planned.text(),
                                atExtreme,
                                c,
                                aim,
                                plan.first().mu(),
                                check.text());
                return resolved(
                        tier,
                        k == 0 ? TierStatus.MET : TierStatus.CONSERVATIVE,
                        promise,
                        aim,
                        plan,
                        search,
                        check.held(),
                        check.gap(),
                        reason);
            }
            if (atExtreme) {
                break;
            }
        }
        return infeasible(
                tier, promise, promise, last.first(), search, ResolutionReasons.noneKept(family, planned.text()));
    }

    /**
     * A plan replayed on the held-out half: its metrics, for an accuracy tier its paired gap to the
     * reference stage, whether the one-sided bound keeps the promise, and that in words.
     */
    private record HeldOutCheck(Metrics held, AccuracyGap gap, boolean keeps, String text) {

        static HeldOutCheck of(
                TierSpec tier, Constraint c, double promise, TierSearch search, Plan plan, Reference reference) {
            Metrics held = search.heldOutMetrics(plan);
            if (c.atLeast()) {
                AccuracyGap gap = search.heldOutGap(plan, reference.heldOut());
                return new HeldOutCheck(
                        held,
                        gap,
                        gap.within(tier.value()),
                        ResolutionReasons.accuracyCheck(held, gap, reference.stage(), tier.value()));
            }
            return new HeldOutCheck(
                    held,
                    null,
                    c.keeps(c.bound().applyAsDouble(held), promise),
                    ResolutionReasons.boundCheck(c, held, promise));
        }
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
            first = Plan.of(c.atLeast() ? search.mostAccurate() : search.fastest());
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

    private static TierResolution explicit(TierSpec tier, CandidatePool pool, TradeOffFamily family) {
        Candidate only = pool.candidate(family, family.skips(), family.rules(), tier.value());
        Plan plan = Plan.of(only);
        TierSearch search = new TierSearch(family, pool);
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
                "explicit trade-off mu=" + tier.value() + ": " + family.description()
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
        return new TierResolution(
                tier,
                plan.servedBy(search.family()),
                plan.first().family(),
                plan.second() == null ? null : plan.second().family(),
                status,
                reason,
                promise,
                aim,
                plan.first().mu(),
                plan.second() == null ? Double.NaN : plan.second().mu(),
                plan.p(),
                plan.first().document(),
                plan.second() == null ? null : plan.second().document(),
                search.fitMetrics(plan),
                held,
                gap,
                plan.predictedLoss(),
                List.of());
    }

    private static TierResolution infeasible(
            TierSpec tier, double promise, double aim, Candidate closest, TierSearch search, String reason) {
        return new TierResolution(
                tier,
                closest.family(),
                closest.family(),
                null,
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
                closest.predictedLoss(),
                List.of());
    }
}
