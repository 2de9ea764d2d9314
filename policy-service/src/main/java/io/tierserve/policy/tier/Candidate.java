package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.Outcomes;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.solver.Solution;

/**
 * One family's optimal policy for one μ and its planning outcomes on the fit half.
 *
 * <p>The policy is solved on the whole fit half; the outcomes come from a {@link Planner}.
 */
record Candidate(double mu, Solution solution, CascadePolicy policy, Outcomes planning, Metrics fit) {

    double accuracy() {
        return fit.accuracy();
    }

    double latency() {
        return fit.meanLatencyMs();
    }
}
