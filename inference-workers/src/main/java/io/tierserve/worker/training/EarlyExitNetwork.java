package io.tierserve.worker.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole early-exit network for training: chains the stages' hidden states and returns every
 * exit's logits, so one loss can sum the exits' cross-entropies.
 */
final class EarlyExitNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final List<StageBlock> stages = new ArrayList<>();

    EarlyExitNetwork(List<StageArchitecture> architectures) {
        super(VERSION);
        for (StageArchitecture architecture : architectures) {
            stages.add(addChildBlock(architecture.id(), new StageBlock(architecture)));
        }
    }

    List<StageBlock> stages() {
        return List.copyOf(stages);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList logits = new NDList(stages.size());
        NDList current = inputs;
        for (StageBlock stage : stages) {
            NDList out = stage.forward(parameterStore, current, training, params);
            current = new NDList(out.get(0));
            logits.add(out.get(1));
        }
        return logits;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] result = new Shape[stages.size()];
        Shape[] current = inputShapes;
        for (int i = 0; i < stages.size(); i++) {
            Shape[] out = stages.get(i).getOutputShapes(current);
            current = new Shape[] {out[0]};
            result[i] = out[1];
        }
        return result;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] current = inputShapes;
        for (StageBlock stage : stages) {
            stage.initialize(manager, dataType, current);
            current = new Shape[] {stage.getOutputShapes(current)[0]};
        }
    }
}
