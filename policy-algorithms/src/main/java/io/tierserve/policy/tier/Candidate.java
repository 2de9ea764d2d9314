package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.Outcomes;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.PolicyDocument;

/**
 * One deterministic rule of one family, fitted on the whole fit half, with its cross-fitted
 * outcomes there.
 *
 * @param mu the trade-off weight it was fitted for
 * @param document the served form (stage ids set)
 * @param planning per fit sample, what a rule of the same family fitted without that sample did
 * @param fit {@code planning}'s metrics
 * @param predictedLoss the Markov model's expected loss for the rule; NaN for a family without a
 *     model
 * @param skips whether the rule may run a stage without its parent
 */
record Candidate(
        PolicyFamily family,
        double mu,
        PolicyDocument document,
        CascadePolicy policy,
        Outcomes planning,
        Metrics fit,
        double predictedLoss,
        boolean skips) {

    double accuracy() {
        return fit.accuracy();
    }

    double latency() {
        return fit.meanLatencyMs();
    }
}
