package io.tierserve.policy.tier;

import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.solver.Solvers;

/**
 * The recall-optimal policy of a line with every skip edge for each μ
 * (docs/algorithms.md#skip-edges): a full action table {@code (stage, best loss, state) → stop |
 * next stage}.
 *
 * <p>Only for cascades of separately run models ({@link TierSettings#separateModels()}), where a
 * stage reads the input and may run without its parent; an early exit needs its parent's hidden
 * state, so the profile alone cannot say whether skipping is possible.
 */
final class RecallSkipsFamily implements TradeOffFamily {

    @Override
    public String name() {
        return "RECALL_SKIPS";
    }

    @Override
    public String description() {
        return "recall-optimal with skips";
    }

    @Override
    public boolean appliesTo(Profile profile, TierSettings settings) {
        return settings.separateModels() && SingleStageFallback.appliesTo(profile);
    }

    @Override
    public CandidatePool.Rules rules() {
        return (training, mu) -> {
            EstimatedCascade line = training.skipLine();
            return Solvers.recallWithSkips(training.skips(), mu).toDocument(line.bins(), line.p99Nanos());
        };
    }

    @Override
    public boolean skips() {
        return true;
    }

    @Override
    public String toString() {
        return name();
    }
}
