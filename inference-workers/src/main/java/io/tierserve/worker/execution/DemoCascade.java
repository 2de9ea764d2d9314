package io.tierserve.worker.execution;

import io.tierserve.worker.cascade.LoadedCascade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The committed demo cascades, each copied out of the classpath (or jar) once per process. */
final class DemoCascade {

    private static final Map<String, Path> directories = new HashMap<>();

    private DemoCascade() {}

    static Path directory() {
        return directory(InferenceEngine.DEMO_RESOURCE);
    }

    static synchronized Path directory(String resource) {
        Path directory = directories.get(resource);
        if (directory == null) {
            try {
                Path target = Files.createTempDirectory("tierserve-demo-");
                target.toFile().deleteOnExit();
                directory = LoadedCascade.extractResources(resource, target);
                // Registered after the directory, so deleted before it (deleteOnExit runs in reverse order).
                try (Stream<Path> files = Files.list(directory)) {
                    files.forEach(file -> file.toFile().deleteOnExit());
                }
                directories.put(resource, directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the demo cascade " + resource, e);
            }
        }
        return directory;
    }
}
