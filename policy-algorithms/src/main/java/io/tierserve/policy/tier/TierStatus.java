package io.tierserve.policy.tier;

/** Whether a tier's promise holds on held-out data. */
public enum TierStatus {
    /** The policy planned on the fit half keeps the promise within its held-out confidence bound. */
    MET,
    /**
     * The planned policy's bound missed; a more conservative μ whose held-out bound holds is served
     * instead (chosen by looking at the held-out half, so its bound is a check, not an independent
     * confirmation).
     */
    CONSERVATIVE,
    /** No recall-optimal policy keeps the promise within its bound; nothing should be published. */
    INFEASIBLE
}
