package io.tierserve.worker.cli;

import io.tierserve.worker.training.SpamAssassin;
import io.tierserve.worker.training.SpamSample;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code spam-sample}: writes held-out hard ham and spam of the SpamAssassin corpus's test split. */
final class SpamSampleCommand {

    private SpamSampleCommand() {}

    static void run(Options options, PrintStream out) {
        Path file = options.path("out", Path.of("held-out.json"));
        int written = SpamSample.write(
                SpamAssassin.load(options.path("data", SpamAssassin.DEFAULT_DIR)),
                options.integer("per-class", 40),
                file);
        out.printf("wrote %d messages to %s%n", written, file.toAbsolutePath());
    }
}
