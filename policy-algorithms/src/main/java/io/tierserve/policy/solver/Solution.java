package io.tierserve.policy.solver;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.ConfidenceBins;

/** An optimal policy for one Markov model and trade-off weight {@code mu}, with its predicted value. */
public interface Solution {

    /** {@code E[f] + mu * E[sum of costs]} as the dynamic program predicts it. */
    double expectedObjective();

    /** The predicted {@code E[f]} alone ({@code f} = min loss with recall, last loss without). */
    double expectedLoss();

    /** The predicted expected sum of the costs of the stages run (unscaled by {@code mu}). */
    double expectedCost();

    /**
     * The serving rule.
     *
     * @param bins maps each stage's confidence to its model state; {@code null} when the states are
     *     given directly (the confidence passed to the walk is then the state index)
     * @param p99Nanos per stage, the latency the deadline rule checks; {@code null} = no deadline
     *     guard
     */
    default CascadePolicy toPolicy(ConfidenceBins bins, long[] p99Nanos) {
        return toDocument(bins, p99Nanos).toPolicy();
    }

    /** The compact, versioned document of this policy (see {@link PolicyDocument}). */
    PolicyDocument toDocument(ConfidenceBins bins, long[] p99Nanos);
}
