package io.tierserve.policy.tier;

import java.util.List;

/**
 * What {@link TierResolver#plan} computed: every tier's resolution and the held-out frontier of
 * every family the tiers were planned with (no deadline).
 *
 * @param tiers one resolution per tier spec, in order
 * @param families one frontier per applicable family, in registration order
 * @param fitSamples samples of the fit half
 * @param heldOutSamples samples of the held-out half
 */
public record TierPlanning(
        List<TierResolution> tiers, List<FamilyFrontier> families, int fitSamples, int heldOutSamples) {

    public TierPlanning {
        tiers = List.copyOf(tiers);
        families = List.copyOf(families);
    }
}
