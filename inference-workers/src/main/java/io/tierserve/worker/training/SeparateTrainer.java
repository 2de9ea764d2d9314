package io.tierserve.worker.training;

import io.tierserve.worker.cascade.Engines;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the models of {@link SeparateArchitecture} one after the other, each on its own seed
 * ({@code seed + k} for model {@code k}) with the same data, optimiser and schedule as {@link
 * DemoTrainer}, so a run is reproducible.
 */
public final class SeparateTrainer {

    private SeparateTrainer() {}

    /** Trains and evaluates every model; the caller owns (and closes) the result. */
    public static TrainedModels train(TrainingOptions options) {
        Engines.configure(options.threads());
        FashionMnist train = FashionMnist.load(options.dataDir(), FashionMnist.Split.TRAIN, options.trainLimit());
        FashionMnist test = FashionMnist.load(options.dataDir(), FashionMnist.Split.TEST, options.testLimit());
        List<StageArchitecture> architectures = SeparateArchitecture.stages();
        List<TrainedNetwork> models = new ArrayList<>();
        try {
            for (int k = 0; k < architectures.size(); k++) {
                models.add(DemoTrainer.train(
                        options.withSeed(options.seed() + k), List.of(architectures.get(k)), train, test));
            }
        } catch (RuntimeException e) {
            models.forEach(TrainedNetwork::close);
            throw e;
        }
        return new TrainedModels(models, options);
    }
}
