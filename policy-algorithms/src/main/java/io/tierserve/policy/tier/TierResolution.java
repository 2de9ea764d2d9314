package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.AccuracyGap;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.MixedPolicy;
import io.tierserve.policy.execution.PolicyDocument;
import java.util.List;

/**
 * How a tier is served and what it achieved.
 *
 * <p>The served rule is {@code first} with probability {@code mixProbability}, else {@code second}
 * ({@code MixedPolicy.of(mixProbability, first, second)}); without a mix {@code second} is {@code
 * null} and the probability is 1.
 *
 * @param family the policy family that serves the tier (for an infeasible tier: the closest plan's);
 *     {@link PolicyFamily#MIX} only when the two mixed rules come from different families
 * @param firstFamily the family of {@code first}
 * @param secondFamily the family of {@code second}; null without a mix
 * @param promise the promised accuracy floor on the fit half (the best stage's fit accuracy − ε) or
 *     latency ceiling (ms); NaN for an explicit μ
 * @param aim the fit-half accuracy (or mean latency) of the plan the fit half allowed: the end of
 *     the path the held-out half checked (the served plan is it or one before it)
 * @param firstMu μ of {@code first}
 * @param secondMu μ of {@code second}; NaN without a mix
 * @param fit metrics of the served rule on the fit half (exact over the mix)
 * @param heldOut metrics of the served rule on the held-out half, with the bounds the status rests on
 *     for a latency budget
 * @param heldOutGap for an accuracy tolerance that was met: how much less accurate than the best
 *     stage the rule is on the same held-out samples, with the bound the status rests on; else null
 * @param predictedError the solver's expected loss of the served rule ({@code E[min loss]} under the
 *     Markov model and without deadline, mixed like the rule); compare with {@code 1 − heldOut.accuracy()}: a large gap
 *     means the model fits the cascade badly (docs/algorithms.md#replay-and-evaluation)
 * @param reason why the status is what it is, in words
 * @param alternatives the best plan of every family the tier was planned with, in registration
 *     order (the served one among them); empty for an explicit μ and inside an alternative
 */
public record TierResolution(
        TierSpec spec,
        PolicyFamily family,
        PolicyFamily firstFamily,
        PolicyFamily secondFamily,
        TierStatus status,
        String reason,
        double promise,
        double aim,
        double firstMu,
        double secondMu,
        double mixProbability,
        PolicyDocument first,
        PolicyDocument second,
        Metrics fit,
        Metrics heldOut,
        AccuracyGap heldOutGap,
        double predictedError,
        List<FamilyPlan> alternatives) {

    public TierResolution {
        alternatives = List.copyOf(alternatives);
    }

    /** The same resolution with another reason. */
    TierResolution withReason(String why) {
        return new TierResolution(
                spec,
                family,
                firstFamily,
                secondFamily,
                status,
                why,
                promise,
                aim,
                firstMu,
                secondMu,
                mixProbability,
                first,
                second,
                fit,
                heldOut,
                heldOutGap,
                predictedError,
                alternatives);
    }

    /** The same resolution listing every family's best plan. */
    TierResolution withAlternatives(List<FamilyPlan> all) {
        return new TierResolution(
                spec,
                family,
                firstFamily,
                secondFamily,
                status,
                reason,
                promise,
                aim,
                firstMu,
                secondMu,
                mixProbability,
                first,
                second,
                fit,
                heldOut,
                heldOutGap,
                predictedError,
                all);
    }

    /**
     * The serving rule: {@code first}, or the exact mix of {@code first} and {@code second}.
     *
     * @throws IllegalStateException for an infeasible tier, which has nothing to serve
     */
    public CascadePolicy toPolicy() {
        if (status == TierStatus.INFEASIBLE || first == null) {
            throw new IllegalStateException("tier '" + spec.name() + "' is infeasible: " + reason);
        }
        return second == null ? first.toPolicy() : MixedPolicy.of(mixProbability, first.toPolicy(), second.toPolicy());
    }
}
