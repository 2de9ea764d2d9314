package io.tierserve.worker.training;

import ai.djl.nn.Block;
import io.tierserve.worker.cascade.StageBlockFactory;

/** Rebuilds the separately trained models' blocks so their DJL parameter files run on the PyTorch engine. */
public final class SeparateStageBlocks implements StageBlockFactory {

    @Override
    public Block create(String stageId) {
        for (StageArchitecture architecture : SeparateArchitecture.stages()) {
            if (architecture.id().equals(stageId)) {
                return new StageBlock(architecture);
            }
        }
        throw new IllegalArgumentException("the separate-model family has no stage " + stageId);
    }
}
