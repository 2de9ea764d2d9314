package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.Outcomes;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.CascadePolicy;

/** How a candidate μ is measured on the fit half while planning a tier. */
interface Planner {

    /**
     * Per-sample outcomes on the fit half for trade-off {@code mu}; {@code served} is the policy
     * solved on the whole fit half, which an in-sample planner replays as is.
     */
    Outcomes outcomes(double mu, CascadePolicy served, long deadlineNanos);

    int samples();

    /** Replays the served policy on the samples its model was estimated from (optimistic). */
    static Planner inSample(ReplayEvaluator fit) {
        return new Planner() {
            @Override
            public Outcomes outcomes(double mu, CascadePolicy served, long deadlineNanos) {
                return fit.replay(served, deadlineNanos);
            }

            @Override
            public int samples() {
                return fit.sampleCount();
            }
        };
    }
}
