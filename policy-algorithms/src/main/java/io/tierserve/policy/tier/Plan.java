package io.tierserve.policy.tier;

/** Serve {@code first} with probability {@code p}, else {@code second} ({@code null} when there is no mix). */
record Plan(Candidate first, Candidate second, double p) {

    static Plan of(Candidate only) {
        return new Plan(only, null, 1.0);
    }

    /** The mix, or {@code first} alone when {@code p} rounds to 1. */
    static Plan mix(Candidate first, Candidate second, double p) {
        double clamped = Math.min(1.0, Math.max(0.0, p));
        return clamped >= 1.0 - 1e-12 ? of(first) : new Plan(first, second, clamped);
    }

    /** The mix's expected model loss (NaN when a rule has no model). */
    double predictedLoss() {
        return second == null ? first.predictedLoss() : p * first.predictedLoss() + (1 - p) * second.predictedLoss();
    }

    /** The family that serves the plan: the rules' own when both come from one family, else {@code mixer}. */
    PolicyFamily servedBy(PolicyFamily mixer) {
        return second == null || second.family() == first.family() ? first.family() : mixer;
    }
}
