package io.tierserve.worker.cli;

import io.tierserve.worker.training.SpamAssassin;
import io.tierserve.worker.training.SpamTrainer;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code train-spam}: trains the text demo cascade {@code spam} on the SpamAssassin corpus. */
final class TrainSpamCommand {

    private TrainSpamCommand() {}

    static void run(Options options, PrintStream out) {
        SpamTrainer.Settings defaults = SpamTrainer.Settings.defaults();
        SpamTrainer.train(
                options.path("data", SpamAssassin.DEFAULT_DIR),
                options.path("out", Path.of("spam")),
                options.path("cache", Path.of("data/spam-assassin-embeddings")),
                defaults.with(
                        options.integer("seed", (int) defaults.seed()),
                        options.integer("head-train-limit", defaults.headTrainLimit()),
                        options.integer("encoder-test-limit", defaults.encoderTestLimit()),
                        options.integer("threads", defaults.threads())),
                out);
    }
}
