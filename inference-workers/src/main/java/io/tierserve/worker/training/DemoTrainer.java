package io.tierserve.worker.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.tierserve.worker.cascade.Engines;
import io.tierserve.worker.cascade.Preprocessing;
import io.tierserve.worker.cascade.StageSpec;
import java.util.List;
import java.util.Random;

/**
 * Trains the demo early-exit network on Fashion-MNIST with DJL's PyTorch engine: Adam, the summed
 * cross-entropy of all exits, a seeded shuffle and a seeded engine RNG, so a run is reproducible.
 */
public final class DemoTrainer {

    private static final int SIDE = 28;

    private DemoTrainer() {}

    /** Trains and evaluates; the caller owns (and closes) the result. */
    public static TrainedNetwork train(TrainingOptions options) {
        Engines.configure(options.threads());
        FashionMnist train = FashionMnist.load(options.dataDir(), FashionMnist.Split.TRAIN, options.trainLimit());
        FashionMnist test = FashionMnist.load(options.dataDir(), FashionMnist.Split.TEST, options.testLimit());
        return train(options, DemoArchitecture.stages(), train, test);
    }

    /**
     * Trains the network made of {@code architectures} (one exit each, chained; a single
     * architecture is an ordinary one-output model) on {@code train}, seeded by the options.
     */
    static TrainedNetwork train(
            TrainingOptions options, List<StageArchitecture> architectures, FashionMnist train, FashionMnist test) {
        Preprocessing preprocessing = Preprocessing.fashionMnist();
        Engine.getEngine(StageSpec.PYTORCH).setRandomSeed((int) options.seed());

        Model model = Model.newInstance("fashion-mnist-ee", Device.cpu(), StageSpec.PYTORCH);
        EarlyExitNetwork network = new EarlyExitNetwork(architectures);
        model.setBlock(network);
        DefaultTrainingConfig config = new DefaultTrainingConfig(new ExitsLoss())
                .optDevices(new Device[] {Device.cpu()})
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(options.learningRate()))
                        .build());
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(1, 1, SIDE, SIDE));
            Random shuffle = new Random(options.seed());
            for (int epoch = 0; epoch < options.epochs(); epoch++) {
                int[] order = permutation(train.count(), shuffle);
                for (int start = 0; start < order.length; start += options.batchSize()) {
                    int size = Math.min(options.batchSize(), order.length - start);
                    trainBatch(trainer, train, preprocessing, order, start, size);
                }
            }
            double[] accuracy = evaluate(trainer, network, test, preprocessing);
            return new TrainedNetwork(model, network, accuracy, options);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static void trainBatch(
            Trainer trainer, FashionMnist data, Preprocessing preprocessing, int[] order, int start, int size) {
        int pixels = data.imageSize();
        float[] images = new float[size * pixels];
        float[] labels = new float[size];
        for (int i = 0; i < size; i++) {
            int sample = order[start + i];
            System.arraycopy(preprocessing.normalise(data.image(sample)), 0, images, i * pixels, pixels);
            labels[i] = data.labels()[sample];
        }
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDArray x = batch.create(images, new Shape(size, 1, SIDE, SIDE));
            NDArray y = batch.create(labels, new Shape(size));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), predictions);
                collector.backward(loss);
            }
            trainer.step();
        }
    }

    /** Per exit, the accuracy on {@code test} in inference mode (running batch-norm statistics). */
    static double[] evaluate(Trainer trainer, EarlyExitNetwork network, FashionMnist test, Preprocessing prep) {
        int exits = network.stages().size();
        int[] correct = new int[exits];
        int pixels = test.imageSize();
        int batchSize = 500;
        for (int start = 0; start < test.count(); start += batchSize) {
            int size = Math.min(batchSize, test.count() - start);
            float[] images = new float[size * pixels];
            for (int i = 0; i < size; i++) {
                System.arraycopy(prep.normalise(test.image(start + i)), 0, images, i * pixels, pixels);
            }
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDList logits = trainer.evaluate(new NDList(batch.create(images, new Shape(size, 1, SIDE, SIDE))));
                for (int e = 0; e < exits; e++) {
                    float[] scores = logits.get(e).toFloatArray();
                    for (int i = 0; i < size; i++) {
                        if (argMax(scores, i * DemoArchitecture.CLASSES, DemoArchitecture.CLASSES)
                                == test.labels()[start + i]) {
                            correct[e]++;
                        }
                    }
                }
            }
        }
        double[] accuracy = new double[exits];
        for (int e = 0; e < exits; e++) {
            accuracy[e] = (double) correct[e] / test.count();
        }
        return accuracy;
    }

    private static int argMax(float[] values, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }
}
