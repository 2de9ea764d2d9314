package io.tierserve.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The jar's command line refuses what it would otherwise ignore: unknown commands and options. */
class WorkerCliTests {

    private static final Path SOURCES = Path.of("src", "main", "java", "io", "tierserve", "worker", "cli");
    private static final Pattern READ = Pattern.compile("options\\.(?:text|integer|real|path)\\(\\s*\"([a-z-]+)\"");

    @Test
    void aServeCommandLineWithKnownOptionsHasNoProblems() {
        assertThat(WorkerCli.problems(new String[] {
                    "serve",
                    "--port",
                    "8081",
                    "--device-class",
                    "cpu",
                    "--threads",
                    "2",
                    "--control-plane",
                    "http://platform-api:8080",
                    "--worker-id",
                    "w1",
                    "--advertised-url",
                    "http://w1:8081"
                }))
                .isEmpty();
    }

    @Test
    void anUnknownCommandOrOptionIsAProblemNamingIt() {
        assertThat(WorkerCli.problems(new String[] {"server", "--port", "8081"}))
                .singleElement()
                .asString()
                .contains("unknown command 'server'");
        assertThat(WorkerCli.problems(new String[] {"bench", "--limit", "10"}))
                .singleElement()
                .asString()
                .contains("'bench' has no option --limit");
        assertThat(WorkerCli.problems(new String[] {"serve", "--port"}))
                .singleElement()
                .asString()
                .contains("expected --name value");
        assertThat(WorkerCli.problems(new String[0])).isNotEmpty();
    }

    @Test
    void everyCommandDeclaresExactlyTheOptionsItsCodeReads() throws IOException {
        Map<String, String> files = Map.of(
                "profile",
                "ProfileCommand.java",
                "bench",
                "BenchCommand.java",
                "serve",
                "ServeCommand.java",
                "train",
                "WorkerCli.java",
                "train-spam",
                "TrainSpamCommand.java",
                "spam-sample",
                "SpamSampleCommand.java");
        for (Map.Entry<String, String> command : files.entrySet()) {
            Set<String> read = new TreeSet<>();
            Matcher m = READ.matcher(Files.readString(SOURCES.resolve(command.getValue())));
            while (m.find()) {
                read.add(m.group(1));
            }
            assertThat(read).as(command.getKey()).isEqualTo(new TreeSet<>(WorkerCli.COMMANDS.get(command.getKey())));
        }
    }
}
