package io.tierserve.policy.tier;

import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.evaluation.AccuracyGap;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.Outcomes;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.frontier.MuGrid;
import io.tierserve.policy.solver.Solution;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One family's optimal policies of one model under one deadline, and the bisection over their μ.
 *
 * <p>The bisection meets a constraint on the fit half exactly.
 *
 * <p>Bisection on log μ keeps a bracket whose low-μ end satisfies the constraint and whose high-μ
 * end does not (or the reverse for latency); when it has shrunk, the two end policies are adjacent
 * on the frontier and the exact mix {@code p·q(first) + (1 − p)·q(second) = aim} lies on the chord
 * between them (ALGORITHMS.md §6).
 */
final class TierSearch {

    private final PolicyFamily family;
    private final EstimatedCascade estimated;
    private final Planner planner;
    private final ReplayEvaluator heldOut;
    private final long deadlineNanos;
    private final int steps;
    private final List<String> stageIds;
    private final Map<Double, Candidate> cache = new HashMap<>();

    TierSearch(
            PolicyFamily family,
            EstimatedCascade estimated,
            Planner planner,
            ReplayEvaluator heldOut,
            long deadlineNanos,
            int steps,
            List<String> stageIds) {
        this.family = family;
        this.stageIds = stageIds;
        this.estimated = estimated;
        this.planner = planner;
        this.heldOut = heldOut;
        this.deadlineNanos = deadlineNanos;
        this.steps = steps;
    }

    double lowMu() {
        return MuGrid.low(estimated.model());
    }

    double highMu() {
        return MuGrid.high(estimated.model());
    }

    Candidate candidate(double mu) {
        return cache.computeIfAbsent(mu, m -> {
            Solution solution = family.solve(estimated.model(), m);
            CascadePolicy policy = solution.toPolicy(estimated.bins(), estimated.p99Nanos());
            Outcomes planning = planner.outcomes(family, m, policy, deadlineNanos);
            return new Candidate(m, solution, policy, planning, planning.metrics());
        });
    }

    /**
     * The plan meeting {@code quantity <= aim} (when {@code feasibleAtLowMu} is false: latency) or
     * {@code quantity >= aim} (accuracy, feasible at low μ) with equality where a mix is needed;
     * {@code null} when no μ in range satisfies it on the fit half.
     */
    Plan plan(ToDoubleFunction<Candidate> quantity, double aim, boolean feasibleAtLowMu) {
        Candidate low = candidate(lowMu());
        Candidate high = candidate(highMu());
        Candidate feasible = feasibleAtLowMu ? low : high;
        Candidate other = feasibleAtLowMu ? high : low;
        if (!satisfies(quantity.applyAsDouble(feasible), aim, feasibleAtLowMu)) {
            return null;
        }
        if (satisfies(quantity.applyAsDouble(other), aim, feasibleAtLowMu)) {
            return Plan.of(other);
        }
        for (int i = 0; i < steps; i++) {
            Candidate mid = candidate(Math.sqrt(feasible.mu() * other.mu()));
            if (satisfies(quantity.applyAsDouble(mid), aim, feasibleAtLowMu)) {
                feasible = mid;
            } else {
                other = mid;
            }
        }
        double qf = quantity.applyAsDouble(feasible);
        double qo = quantity.applyAsDouble(other);
        double p = qf == qo ? 1.0 : (aim - qo) / (qf - qo);
        return new Plan(feasible, other, Math.min(1.0, Math.max(0.0, p)));
    }

    private static boolean satisfies(double value, double aim, boolean atLeast) {
        return atLeast ? value >= aim : value <= aim;
    }

    Metrics fitMetrics(Plan plan) {
        return plan.second() == null
                ? plan.first().fit()
                : Outcomes.mix(plan.p(), plan.first().planning(), plan.second().planning());
    }

    /** How much less accurate than {@code reference} (per held-out sample) the plan is, with its bound. */
    AccuracyGap heldOutGap(Plan plan, boolean[] reference) {
        Outcomes first = heldOut.replay(plan.first().policy(), deadlineNanos);
        Outcomes second =
                plan.second() == null ? null : heldOut.replay(plan.second().policy(), deadlineNanos);
        return AccuracyGap.of(plan.second() == null ? 1.0 : plan.p(), first, second, reference);
    }

    /** The same on the fit half's planning outcomes (cross-fitted), to size the held-out margin. */
    AccuracyGap fitGap(Plan plan, boolean[] reference) {
        Outcomes second = plan.second() == null ? null : plan.second().planning();
        return AccuracyGap.of(
                plan.second() == null ? 1.0 : plan.p(), plan.first().planning(), second, reference);
    }

    PolicyFamily family() {
        return family;
    }

    Metrics heldOutMetrics(Plan plan) {
        return plan.second() == null
                ? heldOut.evaluate(plan.first().policy(), deadlineNanos)
                : heldOut.evaluateMix(
                        plan.p(), plan.first().policy(), plan.second().policy(), deadlineNanos);
    }

    /** The profile's stage ids in model order, written into every policy document. */
    List<String> stageIds() {
        return stageIds;
    }

    EstimatedCascade estimated() {
        return estimated;
    }

    int fitSamples() {
        return planner.samples();
    }

    int heldOutSamples() {
        return heldOut.sampleCount();
    }
}
