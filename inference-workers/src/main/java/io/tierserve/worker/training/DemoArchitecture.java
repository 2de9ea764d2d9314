package io.tierserve.worker.training;

import java.util.List;

/**
 * The demo family's three exits, of rising cost (about 0.07, 0.47 and 2.1 million multiply-adds
 * incrementally).
 *
 * <ul>
 *   <li>exit1: conv 1→8 + BN + ReLU + pool (8×14×14), linear head;
 *   <li>exit2: conv 8→32 + BN + ReLU + pool (32×7×7), linear head;
 *   <li>exit3: two convs 32→48→64 + BN + ReLU + pool (64×3×3), a 128-unit hidden layer in the head.
 * </ul>
 */
final class DemoArchitecture {

    static final float BN_EPSILON = 1e-5f;
    static final int CLASSES = 10;

    private DemoArchitecture() {}

    static List<StageArchitecture> stages() {
        Layer.BatchNorm bn = new Layer.BatchNorm(BN_EPSILON);
        Layer.Relu relu = new Layer.Relu();
        return List.of(
                new StageArchitecture(
                        "exit1",
                        List.of(new Layer.Conv(8, 3, 1), bn, relu, new Layer.MaxPool(2)),
                        List.of(new Layer.Flatten(), new Layer.Dense(CLASSES))),
                new StageArchitecture(
                        "exit2",
                        List.of(new Layer.Conv(32, 3, 1), bn, relu, new Layer.MaxPool(2)),
                        List.of(new Layer.Flatten(), new Layer.Dense(CLASSES))),
                new StageArchitecture(
                        "exit3",
                        List.of(
                                new Layer.Conv(48, 3, 1),
                                bn,
                                relu,
                                new Layer.Conv(64, 3, 1),
                                bn,
                                relu,
                                new Layer.MaxPool(2)),
                        List.of(new Layer.Flatten(), new Layer.Dense(128), relu, new Layer.Dense(CLASSES))));
    }
}
