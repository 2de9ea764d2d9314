package io.tierserve.worker.cli;

import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.training.DemoTrainer;
import io.tierserve.worker.training.SeparateTrainer;
import io.tierserve.worker.training.TrainedModels;
import io.tierserve.worker.training.TrainedNetwork;
import io.tierserve.worker.training.TrainingOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Entry point of {@code inference-workers.jar}. */
public final class WorkerCli {

    private static final String USAGE = """
            usage: java -jar inference-workers.jar <command> [--option value ...]
              train    --out DIR --epochs 3 --seed 42 --train-limit 60000 --data /usr/share/datasets/fashion-mnist
                       [--kind early-exit | separate] (separate: three separately trained models)
              train-spam --out DIR --seed 42 --data data/spam-assassin --head-train-limit 500 --encoder-test-limit 400
                       --threads 2 --cache data/spam-assassin-embeddings
                       (the text cascade spam; the corpus: inference-workers/scripts/fetch-spam-assassin.sh)
              spam-sample --out held-out.json --data data/spam-assassin --per-class 40
                       (hard ham and spam of the test split, for tests and examples)
              profile  --out profile-cpu.json.gz --limit 10000 --warmup 500 [--cascade DIR] (default: the demo)
                       [--data DIR] (a text cascade: the SpamAssassin corpus, its profile split)
              bench    [--profile FILE] [--cascade DIR] [--engine-samples 2000] [--data DIR]
                       [--samples N] (a text cascade: its profile's first N samples)
              serve    --port 8081 --threads 2 --device-class cpu|gpu [--pool NAME] [--control-plane URL]
                       [--worker-id ID] [--advertised-url URL] [--cache-dir DIR] [--heartbeat-millis 2000]
                       [--cascades DIR,...] (token: TIERSERVE_WORKERS_TOKEN)
            """;

    /** The options each command reads; a command line with any other is refused. */
    static final Map<String, Set<String>> COMMANDS = Map.of(
            "train", Set.of("out", "epochs", "seed", "train-limit", "test-limit", "data", "kind"),
            "train-spam", Set.of("out", "seed", "data", "head-train-limit", "encoder-test-limit", "threads", "cache"),
            "spam-sample", Set.of("out", "data", "per-class"),
            "profile", Set.of("out", "limit", "warmup", "cascade", "data"),
            "bench", Set.of("profile", "cascade", "data", "engine-samples", "samples"),
            "serve",
                    Set.of(
                            "port",
                            "threads",
                            "device-class",
                            "pool",
                            "control-plane",
                            "worker-id",
                            "advertised-url",
                            "cache-dir",
                            "heartbeat-millis",
                            "cascades"));

    private WorkerCli() {}

    /**
     * What is wrong with {@code args} as a command line of this jar: an unknown command, an option
     * the command does not read, or a malformed {@code --name value} list; empty when nothing is.
     */
    public static List<String> problems(String[] args) {
        if (args.length == 0) {
            return List.of("a command is required: one of " + new TreeSet<>(COMMANDS.keySet()));
        }
        Set<String> known = COMMANDS.get(args[0]);
        if (known == null) {
            return List.of("unknown command '" + args[0] + "': one of " + new TreeSet<>(COMMANDS.keySet()));
        }
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                problems.add("expected --name value, got " + args[i]);
                break;
            }
            String name = args[i].substring(2);
            if (!known.contains(name)) {
                problems.add("'" + args[0] + "' has no option --" + name + "; it takes " + new TreeSet<>(known));
            }
        }
        return problems;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        List<String> problems = problems(args);
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            out.print(USAGE);
            System.exit(2);
        }
        Options options = new Options(args, 1);
        switch (args[0]) {
            case "train" -> train(options, out);
            case "train-spam" -> TrainSpamCommand.run(options, out);
            case "spam-sample" -> SpamSampleCommand.run(options, out);
            case "profile" -> ProfileCommand.run(options, out);
            case "serve" -> ServeCommand.run(options, out);
            case "bench" -> BenchCommand.run(options, out);
            default -> throw new IllegalStateException("a command problems() accepts: " + args[0]);
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
