package io.tierserve.policy.tier;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.solver.Solution;
import io.tierserve.policy.solver.Solvers;

/**
 * The optimal index policies a tier may be served by (ALGORITHMS.md §3, §5), each optimal for the
 * Markov model it is solved on.
 *
 * <p>Recall is optimal under the model, but the model can misjudge the answer it picks: on
 * cascades whose stages share errors, an earlier stage's loss is not revised when a later one
 * disagrees, and the minimum over losses is optimistic (docs/benchmarks.md). The no-recall policy
 * answers with the last stage run, which needs no such comparison. A tier is served by whichever
 * family plans the cheaper (or, for a latency budget, more accurate) rule on the fit half, and the
 * held-out half checks the promise either way.
 */
public enum PolicyFamily {
    /** Run stages while the dynamic index says so, answer with the best output seen (§3). */
    RECALL("recall-optimal"),
    /** Run stages while the optimal stopping rule says so, answer with the last one (§5). */
    NO_RECALL("optimal no-recall");

    private final String description;

    PolicyFamily(String description) {
        this.description = description;
    }

    /** Whether the family has a solver for {@code profile}'s cascade: no-recall needs a line. */
    boolean appliesTo(Profile profile) {
        return this == RECALL || SingleStageFallback.appliesTo(profile);
    }

    /** The family's optimal policy for trade-off {@code mu}. */
    Solution solve(MarkovCascade model, double mu) {
        return this == RECALL ? Solvers.recall(model, mu) : Solvers.noRecall(model, mu);
    }

    /** How reasons name the family. */
    public String description() {
        return description;
    }
}
