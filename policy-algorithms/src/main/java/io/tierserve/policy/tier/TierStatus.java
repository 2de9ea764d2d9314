package io.tierserve.policy.tier;

/** Whether a tier's promise holds on held-out data. */
public enum TierStatus {
    /**
     * The served plan keeps the promise within its held-out confidence bound, confirmed by
     * fixed-sequence testing along a path fixed on the fit half (docs/algorithms.md#tiers).
     */
    MET,
    /**
     * Produced by earlier planners only (versions stored then may carry it): the planned policy's
     * bound missed and a more conservative μ whose held-out bound holds was served instead, chosen by
     * looking at the held-out half.
     */
    CONSERVATIVE,
    /** No plan keeps the promise within its bound; nothing should be published. */
    INFEASIBLE
}
