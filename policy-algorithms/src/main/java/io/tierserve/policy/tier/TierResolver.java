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
import java.util.function.DoublePredicate;

/**
 * Resolves tiers to serving rules from a portfolio of policy families (docs/algorithms.md#tiers).
 *
 * <p>Every applicable {@link PolicyFamily} fits its rules on the fit half for a grid of trade-off
 * weights μ, each measured by the same 5-fold cross-fitted replay ({@link CandidatePool}). A
 * family's plans lie on a path along the lower convex hull of its candidates, from its safe end
 * (the most accurate rule, or the fastest for a latency budget) through exact mixes of adjacent
 * rules ({@link TierSearch#along}). The fit half decides how far the path goes: to the last plan
 * whose cross-fitted estimate keeps the promise with {@code safetyFactor} of that plan's own
 * expected held-out half-widths to spare. The held-out half then checks the plans in path order and
 * stops at the first whose one-sided 97.5 % bound misses (fixed-sequence testing); the last plan
 * before it is served ({@link TierStatus#MET}). When the first plan already misses, the family
 * cannot serve the tier ({@link TierStatus#INFEASIBLE}). A tier is never reported as met when its
 * bound misses.
 *
 * <p>An accuracy tolerance ε promises accuracy at most ε below the most accurate single stage
 * (chosen on the fit half). Its held-out check is paired ({@link AccuracyGap}): the bound on how
 * much less accurate the plan is than that stage on the same held-out samples must be at most ε. A
 * latency budget is checked on the normal bound of the mean latency.
 *
 * <p>The served plan is the cheapest on the fit half (latency budget: the most accurate) among the
 * families' MET plans; ties go to the family registered first. The promise coverage measurement
 * ({@link PromiseCoverage}) checks on fresh data that choosing among several confirmed plans keeps
 * the promises at the stated rate. An explicit μ is served by the recall-optimal policy for it.
 */
public final class TierResolver {

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
     * One family's plan for a constrained tier, by fixed-sequence testing along the family's hull
     * (docs/algorithms.md#tiers).
     *
     * <p>The path starts at the hull's safe end (the most accurate rule for an accuracy tier, the
     * fastest for a latency budget) and runs through exact mixes of adjacent hull rules towards the
     * other end. The fit half alone decides how far it goes: to the last plan whose cross-fitted
     * estimate, widened by {@code safetyFactor} of that plan's own expected held-out half-widths,
     * keeps the promise. The held-out half then checks the plans in path order and stops at the first
     * whose one-sided bound misses; the last plan before it is served. Because the order is fixed
     * before the held-out half is looked at, the first plan that does not really keep the promise is
     * reached only if its own bound wrongly holds: the served plan's promise holds at the bound's
     * level, however many plans were checked. If the first plan misses, the tier is infeasible for
     * this family.
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
        double rescale = Math.sqrt((search.fitSamples() - 1.0) / (Math.max(2, search.heldOutSamples()) - 1.0));
        double planned = Math.max(
                0,
                lastKept(
                        search.segments(),
                        t -> fitKeeps(
                                tier,
                                c,
                                promise,
                                search.along(t, c.atLeast()),
                                search,
                                reference,
                                settings.safetyFactor(),
                                rescale)));
        Plan plannedPlan = search.along(planned, c.atLeast());
        double aim = c.quantity().applyAsDouble(plannedPlan.first()) * plannedPlan.p()
                + (plannedPlan.second() == null
                        ? 0
                        : c.quantity().applyAsDouble(plannedPlan.second()) * (1 - plannedPlan.p()));
        double served =
                lastKept(planned, t -> heldOutKeeps(tier, c, promise, search.along(t, c.atLeast()), search, reference));
        if (served < 0) {
            HeldOutCheck first = HeldOutCheck.of(tier, c, promise, search, search.along(0, c.atLeast()), reference);
            return infeasible(
                    tier,
                    promise,
                    aim,
                    search.along(0, c.atLeast()).first(),
                    search,
                    ResolutionReasons.noneKept(family, first.text()));
        }
        Plan plan = search.along(served, c.atLeast());
        HeldOutCheck check = HeldOutCheck.of(tier, c, promise, search, plan, reference);
        String reason = served >= planned
                ? ResolutionReasons.kept(family, check.text(), aim)
                : ResolutionReasons.keptBeforePlanned(
                        family,
                        check.text(),
                        c,
                        aim,
                        HeldOutCheck.of(tier, c, promise, search, plannedPlan, reference)
                                .text());
        return resolved(tier, TierStatus.MET, promise, aim, plan, search, check.held(), check.gap(), reason);
    }

    /** Scanned positions per hull segment of {@link #lastKept}, before the first miss is bisected. */
    static final int STEPS = 16;

    /**
     * The fixed-sequence walk along a path {@code [0, end]}: the last position up to which {@code
     * keeps} holds at every scanned point ({@link #STEPS} per unit, the first miss located by
     * bisection to 1e-6), or −1 when position 0 misses. Positions after the first miss are never
     * looked at.
     */
    static double lastKept(double end, DoublePredicate keeps) {
        if (!keeps.test(0)) {
            return -1;
        }
        double kept = 0;
        int points = (int) Math.ceil(end * STEPS);
        for (int i = 1; i <= points; i++) {
            double t = Math.min(end, (double) i / STEPS);
            if (keeps.test(t)) {
                kept = t;
                continue;
            }
            double missed = t;
            while (missed - kept > 1e-6) {
                double mid = (kept + missed) / 2;
                if (keeps.test(mid)) {
                    kept = mid;
                } else {
                    missed = mid;
                }
            }
            return kept;
        }
        return kept;
    }

    /**
     * Whether a plan keeps the promise on the fit half's cross-fitted outcomes with {@code safety}
     * of its own expected held-out half-widths to spare: for accuracy the paired gap's half-width
     * (at least one fit sample's worth), for latency the mean's; both rescaled to the held-out size.
     */
    private static boolean fitKeeps(
            TierSpec tier,
            Constraint c,
            double promise,
            Plan plan,
            TierSearch search,
            Reference reference,
            double safety,
            double rescale) {
        if (c.atLeast()) {
            AccuracyGap gap = search.fitGap(plan, reference.fit());
            double halfWidth = Math.max(gap.gapHigh() - gap.gap(), 1.0 / search.fitSamples()) * rescale;
            return gap.gap() + safety * halfWidth <= tier.value() + 1e-12;
        }
        double[] latency = search.fitLatency(plan);
        return latency[0] + safety * (latency[1] - latency[0]) * rescale <= promise + 1e-12;
    }

    /** {@link HeldOutCheck#keeps()} without the metrics the report needs. */
    private static boolean heldOutKeeps(
            TierSpec tier, Constraint c, double promise, Plan plan, TierSearch search, Reference reference) {
        return c.atLeast()
                ? search.heldOutGap(plan, reference.heldOut()).within(tier.value())
                : search.heldOutLatency(plan)[1] <= promise;
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
