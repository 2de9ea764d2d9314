package io.tierserve.policy.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on the files a subcommand is given, so a wrong path is invalid input (exit code 2), not an error. */
final class CliFiles {

    private CliFiles() {}

    static Path readable(Path file, String option) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(option + ": no readable file " + file);
        }
        return file;
    }
}
