package io.tierserve.policy.tier;

import java.util.List;

/** A family with one rule per trade-off weight μ (minimising error + μ · latency in its own way). */
interface TradeOffFamily extends PolicyFamily {

    /** How the family fits its rule for one μ on a training set. */
    CandidatePool.Rules rules();

    /** Whether its rules may run a stage without its parent. */
    default boolean skips() {
        return false;
    }

    @Override
    default List<Candidate> candidates(CandidatePool pool) {
        return pool.sweep(this, skips(), rules());
    }
}
