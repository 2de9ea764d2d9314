package io.tierserve.worker.training;

import java.nio.file.Path;

/**
 * Settings of one training run; the defaults made the committed demo artifacts.
 *
 * @param trainLimit how many training samples to use (60000 = all)
 * @param testLimit how many test samples to report accuracy on (10000 = all)
 */
public record TrainingOptions(
        Path dataDir,
        int epochs,
        long seed,
        int trainLimit,
        int testLimit,
        int batchSize,
        float learningRate,
        int threads) {

    public static TrainingOptions defaults() {
        return new TrainingOptions(FashionMnist.DEFAULT_DIR, 3, 42, 60_000, 10_000, 64, 0.002f, 2);
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(dataDir, value, seed, trainLimit, testLimit, batchSize, learningRate, threads);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(dataDir, epochs, value, trainLimit, testLimit, batchSize, learningRate, threads);
    }

    public TrainingOptions withLimits(int train, int test) {
        return new TrainingOptions(dataDir, epochs, seed, train, test, batchSize, learningRate, threads);
    }

    public TrainingOptions withDataDir(Path value) {
        return new TrainingOptions(value, epochs, seed, trainLimit, testLimit, batchSize, learningRate, threads);
    }
}
