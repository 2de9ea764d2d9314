package io.tierserve.policy.tier;

import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.solver.Solvers;

/**
 * T-Tamer's recall-optimal index policy for each μ (docs/algorithms.md#recall-on-a-line), solved on
 * the Markov model.
 */
final class RecallFamily implements TradeOffFamily {

    @Override
    public String name() {
        return "RECALL";
    }

    @Override
    public String description() {
        return "recall-optimal";
    }

    @Override
    public boolean appliesTo(Profile profile, TierSettings settings) {
        return true;
    }

    @Override
    public CandidatePool.Rules rules() {
        return RecallFamily::document;
    }

    /** The recall-optimal policy for {@code mu} on the training set's model. */
    static PolicyDocument document(TrainingSet training, double mu) {
        EstimatedCascade e = training.estimated();
        return Solvers.recall(e.model(), mu).toDocument(e.bins(), e.p99Nanos());
    }

    @Override
    public String toString() {
        return name();
    }
}
