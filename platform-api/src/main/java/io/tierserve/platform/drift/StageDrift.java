package io.tierserve.platform.drift;

import java.util.UUID;

/**
 * The drift of one stage of one active policy version over the window.
 *
 * @param psi the population stability index of the live bins against the replayed profile; null
 *     below {@code tierserve.drift.min-samples} live runs in the window (where it would be sampling
 *     noise) and when there is no expectation (a version without a profile or bins)
 * @param liveCount live runs of the stage in the window
 * @param profileCount profile samples on which the policy runs the stage
 * @param drifted whether the PSI exceeds the threshold with at least the minimum live count
 * @param liveBins live counts per PSI bin (adjacent confidence bins of the policy merged)
 * @param expectedShares per PSI bin, the share the replayed profile predicts
 */
public record StageDrift(
        String tier,
        UUID policyVersionId,
        int policyVersion,
        String deviceClass,
        String stage,
        Double psi,
        long liveCount,
        long profileCount,
        boolean drifted,
        long[] liveBins,
        double[] expectedShares) {}
