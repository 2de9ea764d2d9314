package io.tierserve.worker.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * One exit as a DJL block: input (the parent's hidden state, or the image) to {@code (hidden,
 * logits)}.
 */
final class StageBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final StageArchitecture architecture;
    private final SequentialBlock trunk;
    private final SequentialBlock head;

    StageBlock(StageArchitecture architecture) {
        super(VERSION);
        this.architecture = architecture;
        this.trunk = addChildBlock("trunk", sequential(architecture.trunk()));
        this.head = addChildBlock("head", sequential(architecture.head()));
    }

    StageArchitecture architecture() {
        return architecture;
    }

    /** The trunk's blocks, one per {@link Layer} of {@link StageArchitecture#trunk()}. */
    List<Block> trunkBlocks() {
        return trunk.getChildren().values();
    }

    /** The head's blocks, one per {@link Layer} of {@link StageArchitecture#head()}. */
    List<Block> headBlocks() {
        return head.getChildren().values();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList hidden = trunk.forward(parameterStore, inputs, training, params);
        NDList logits = head.forward(parameterStore, hidden, training, params);
        return new NDList(hidden.singletonOrThrow(), logits.singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] hidden = trunk.getOutputShapes(inputShapes);
        Shape[] logits = head.getOutputShapes(hidden);
        return new Shape[] {hidden[0], logits[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, trunk.getOutputShapes(inputShapes));
    }

    private static SequentialBlock sequential(List<Layer> layers) {
        SequentialBlock block = new SequentialBlock();
        for (Layer layer : layers) {
            block.add(toBlock(layer));
        }
        return block;
    }

    private static Block toBlock(Layer layer) {
        if (layer instanceof Layer.Conv conv) {
            return Conv2d.builder()
                    .setFilters(conv.filters())
                    .setKernelShape(new Shape(conv.kernel(), conv.kernel()))
                    .optPadding(new Shape(conv.padding(), conv.padding()))
                    .build();
        } else if (layer instanceof Layer.BatchNorm bn) {
            return BatchNorm.builder().optEpsilon(bn.epsilon()).build();
        } else if (layer instanceof Layer.Relu) {
            return Activation.reluBlock();
        } else if (layer instanceof Layer.MaxPool pool) {
            return Pool.maxPool2dBlock(new Shape(pool.window(), pool.window()));
        } else if (layer instanceof Layer.Flatten) {
            return Blocks.batchFlattenBlock();
        } else if (layer instanceof Layer.Dense dense) {
            return Linear.builder().setUnits(dense.units()).build();
        }
        throw new IllegalArgumentException("unknown layer " + layer);
    }
}
