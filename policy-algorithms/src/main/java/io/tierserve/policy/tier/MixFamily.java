package io.tierserve.policy.tier;

import io.tierserve.policy.profile.Profile;
import java.util.List;

/**
 * Exact randomised mixes of two rules of any families (docs/algorithms.md#policy-families): its
 * candidates are every other applicable family's, so a tier's plan lies on the lower convex hull of
 * their union.
 *
 * <p>The hull of a union is never above any member's, so on the fit half this family is at least
 * as good as every other; the held-out check decides whether that holds up. A plan whose two rules
 * come from one family is that family's plan and is recorded under it.
 */
final class MixFamily implements PolicyFamily {

    @Override
    public String name() {
        return "MIX";
    }

    @Override
    public String description() {
        return "mix of two families";
    }

    @Override
    public boolean appliesTo(Profile profile, TierSettings settings) {
        return true;
    }

    @Override
    public List<Candidate> candidates(CandidatePool pool) {
        return pool.union(this);
    }

    @Override
    public String toString() {
        return name();
    }
}
