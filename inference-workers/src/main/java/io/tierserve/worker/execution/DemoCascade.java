package io.tierserve.worker.execution;

import io.tierserve.worker.cascade.LoadedCascade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The committed demo cascade, copied out of the classpath (or jar) once per process. */
final class DemoCascade {

    private static Path directory;

    private DemoCascade() {}

    static synchronized Path directory() {
        if (directory == null) {
            try {
                Path target = Files.createTempDirectory("tierserve-demo-");
                target.toFile().deleteOnExit();
                directory = LoadedCascade.extractResources(InferenceEngine.DEMO_RESOURCE, target);
                // Registered after the directory, so deleted before it (deleteOnExit runs in reverse order).
                try (Stream<Path> files = Files.list(directory)) {
                    files.forEach(file -> file.toFile().deleteOnExit());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the demo cascade", e);
            }
        }
        return directory;
    }
}
