package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.solver.Solution;

/** The recall-optimal policy for one μ and its replayed metrics on the fit half. */
record Candidate(double mu, Solution solution, CascadePolicy policy, Metrics fit) {

    double accuracy() {
        return fit.accuracy();
    }

    double latency() {
        return fit.meanLatencyMs();
    }
}
