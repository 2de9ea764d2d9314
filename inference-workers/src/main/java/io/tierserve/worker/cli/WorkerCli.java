package io.tierserve.worker.cli;

import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.training.DemoTrainer;
import io.tierserve.worker.training.SeparateTrainer;
import io.tierserve.worker.training.TrainedModels;
import io.tierserve.worker.training.TrainedNetwork;
import io.tierserve.worker.training.TrainingOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** Entry point of {@code inference-workers.jar}. */
public final class WorkerCli {

    private static final String USAGE = """
            usage: java -jar inference-workers.jar <command> [--option value ...]
              train    --out DIR --epochs 3 --seed 42 --train-limit 60000 --data /usr/share/datasets/fashion-mnist
                       [--kind early-exit | separate] (separate: three separately trained models)
              profile  --out profile-cpu.json.gz --limit 10000 --warmup 500 [--cascade DIR] (default: the demo)
              bench    --limit 10000 [--profile FILE] [--cascade DIR]
              serve    --port 8081 --threads 2 --device-class cpu|gpu [--control-plane URL] [--worker-id ID]
                       [--advertised-url URL] [--cache-dir DIR] [--cascades DIR,...] (token: TIERSERVE_WORKERS_TOKEN)
            """;

    private WorkerCli() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length == 0) {
            out.print(USAGE);
            System.exit(2);
        }
        Options options = new Options(args, 1);
        switch (args[0]) {
            case "train" -> train(options, out);
            case "profile" -> ProfileCommand.run(options, out);
            case "serve" -> ServeCommand.run(options, out);
            case "bench" -> BenchCommand.run(options, out);
            default -> {
                out.print(USAGE);
                System.exit(2);
            }
        }
    }

    private static void train(Options options, PrintStream out) {
        TrainingOptions defaults = TrainingOptions.defaults();
        TrainingOptions training = defaults.withDataDir(options.path("data", defaults.dataDir()))
                .withEpochs(options.integer("epochs", defaults.epochs()))
                .withSeed(options.integer("seed", (int) defaults.seed()))
                .withLimits(
                        options.integer("train-limit", defaults.trainLimit()),
                        options.integer("test-limit", defaults.testLimit()));
        CascadeKind kind = CascadeKind.fromJson(options.text("kind", CascadeKind.EARLY_EXIT.json()));
        if (kind == CascadeKind.SEPARATE) {
            trainSeparate(training, options.path("out", Path.of(TrainedModels.CASCADE)), out);
            return;
        }
        Path dir = options.path("out", Path.of("fashion-mnist"));
        long start = System.nanoTime();
        try (TrainedNetwork network = DemoTrainer.train(training)) {
            network.export(dir);
            out.printf(
                    Locale.ROOT,
                    "trained in %.1f s; test accuracy per exit %s; wrote %s%n",
                    (System.nanoTime() - start) / 1e9,
                    Arrays.toString(network.accuracy()),
                    dir.toAbsolutePath());
        }
    }

    private static void trainSeparate(TrainingOptions training, Path dir, PrintStream out) {
        long start = System.nanoTime();
        try (TrainedModels models = SeparateTrainer.train(training)) {
            models.export(dir);
            out.printf(
                    Locale.ROOT,
                    "trained in %.1f s; test accuracy per model %s; wrote %s%n",
                    (System.nanoTime() - start) / 1e9,
                    Arrays.toString(models.accuracy()),
                    dir.toAbsolutePath());
        }
    }
}
