package io.tierserve.policy.tier;

import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.solver.Solvers;

/**
 * The optimal no-recall stopping rule of the Markov model for each μ
 * (docs/algorithms.md#without-recall): answers with the last stage run, so it needs no comparison
 * of losses across stages. A line only.
 */
final class NoRecallFamily implements TradeOffFamily {

    @Override
    public String name() {
        return "NO_RECALL";
    }

    @Override
    public String description() {
        return "optimal no-recall";
    }

    @Override
    public boolean appliesTo(Profile profile, TierSettings settings) {
        return SingleStageFallback.appliesTo(profile);
    }

    @Override
    public CandidatePool.Rules rules() {
        return (training, mu) -> {
            EstimatedCascade e = training.estimated();
            return Solvers.noRecall(e.model(), mu).toDocument(e.bins(), e.p99Nanos());
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
