package io.tierserve.worker.cascade;

import ai.djl.nn.Block;

/**
 * Rebuilds the DJL block of a stage whose PyTorch parameter file a manifest lists; the manifest's
 * {@code architecture} names the implementing class (public, with a public no-argument constructor).
 *
 * <p>DJL parameter files hold weights only, so the architecture has to come from code.
 */
public interface StageBlockFactory {

    /** A fresh, uninitialised block for stage {@code stageId}, outputting {@code (hidden, logits)}. */
    Block create(String stageId);
}
