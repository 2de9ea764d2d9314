package io.tierserve.policy.tier;

/** Serve {@code first} with probability {@code p}, else {@code second} ({@code null} when there is no mix). */
record Plan(Candidate first, Candidate second, double p) {

    static Plan of(Candidate only) {
        return new Plan(only, null, 1.0);
    }
}
