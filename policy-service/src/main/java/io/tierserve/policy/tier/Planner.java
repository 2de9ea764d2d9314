package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.Outcomes;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.CascadePolicy;

/** How a candidate μ is measured on the fit half while planning a tier. */
interface Planner {

    /**
     * Per-sample outcomes on the fit half for {@code family}'s policy at trade-off {@code mu};
     * {@code served} is that policy solved on the whole fit half, which an in-sample planner replays
     * as is.
     */
    Outcomes outcomes(PolicyFamily family, double mu, CascadePolicy served, long deadlineNanos);

    int samples();

    /** Per fit sample, in the order of {@link #outcomes}, whether {@code stage} is right. */
    boolean[] correctAt(int stage);

    /** Replays the served policy on the samples its model was estimated from (optimistic). */
    static Planner inSample(ReplayEvaluator fit) {
        return new Planner() {
            @Override
            public Outcomes outcomes(PolicyFamily family, double mu, CascadePolicy served, long deadlineNanos) {
                return fit.replay(served, deadlineNanos);
            }

            @Override
            public int samples() {
                return fit.sampleCount();
            }

            @Override
            public boolean[] correctAt(int stage) {
                return fit.correctAt(stage);
            }
        };
    }
}
