package io.tierserve.worker.training;

import java.util.List;

/**
 * Three separately trained models of rising cost for Fashion-MNIST; each reads the image, so their
 * errors are less correlated than an early-exit network's and a policy may skip a stage.
 *
 * <ul>
 *   <li>mlp: 2×2 max pool to 14×14, a 32-unit hidden layer (about 6 thousand multiply-adds);
 *   <li>small-cnn: convs 1→8 and 8→16, each with BN, ReLU and a 2×2 pool, a linear head (about 0.3 M);
 *   <li>cnn: convs 1→32, 32→64 and 64→64, each with BN, ReLU and a 2×2 pool, a 128-unit hidden layer
 *       (about 5.7 M).
 * </ul>
 */
final class SeparateArchitecture {

    private SeparateArchitecture() {}

    static List<StageArchitecture> stages() {
        Layer.BatchNorm bn = new Layer.BatchNorm(DemoArchitecture.BN_EPSILON);
        Layer.Relu relu = new Layer.Relu();
        Layer.MaxPool pool = new Layer.MaxPool(2);
        Layer.Flatten flatten = new Layer.Flatten();
        Layer.Dense logits = new Layer.Dense(DemoArchitecture.CLASSES);
        return List.of(
                new StageArchitecture("mlp", List.of(pool), List.of(flatten, new Layer.Dense(32), relu, logits)),
                new StageArchitecture(
                        "small-cnn",
                        List.of(new Layer.Conv(8, 3, 1), bn, relu, pool, new Layer.Conv(16, 3, 1), bn, relu, pool),
                        List.of(flatten, logits)),
                new StageArchitecture(
                        "cnn",
                        List.of(
                                new Layer.Conv(32, 3, 1),
                                bn,
                                relu,
                                pool,
                                new Layer.Conv(64, 3, 1),
                                bn,
                                relu,
                                pool,
                                new Layer.Conv(64, 3, 1),
                                bn,
                                relu,
                                pool),
                        List.of(flatten, new Layer.Dense(128), relu, logits)));
    }
}
