package io.tierserve.worker.training;

import ai.djl.nn.Block;
import io.tierserve.worker.cascade.StageBlockFactory;

/** Rebuilds the demo family's exit blocks so their DJL parameter files run on the PyTorch engine. */
public final class DemoStageBlocks implements StageBlockFactory {

    @Override
    public Block create(String stageId) {
        for (StageArchitecture architecture : DemoArchitecture.stages()) {
            if (architecture.id().equals(stageId)) {
                return new StageBlock(architecture);
            }
        }
        throw new IllegalArgumentException("the demo family has no stage " + stageId);
    }
}
