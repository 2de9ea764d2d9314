package io.tierserve.worker.server;

import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.Manifests;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.execution.InferenceEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Gets the cascades a worker is asked to serve: a model key names one content (the control plane
 * derives it from the models' digests), so a key loaded once, or found in the disk cache, is never
 * fetched again. A key's files come from its source on the control plane
 * ({@code /internal/models/<tenant>/<cascade>/<key>}, then {@code .../files/<file>}); when a source's
 * cascade gets a new key (a re-upload), the older key is unloaded and its directory deleted.
 */
final class ModelStore {

    private static final System.Logger LOG = System.getLogger(ModelStore.class.getName());

    // requests still running on a replaced cascade finish before its models close
    private static final Duration UNLOAD_GRACE = Duration.ofSeconds(30);

    private final InferenceEngine engine;
    private final ControlPlaneClient controlPlane;
    private final Path cacheDir;
    // per source (tenant and cascade), the key loaded for it
    private final Map<String, String> bySource = new ConcurrentHashMap<>();
    private final Map<String, Object> loading = new ConcurrentHashMap<>();

    ModelStore(InferenceEngine engine, ControlPlaneClient controlPlane, Path cacheDir) {
        this.engine = engine;
        this.controlPlane = controlPlane;
        this.cacheDir = cacheDir;
    }

    /**
     * Makes sure cascade {@code key} is loaded, fetching it from {@code source} when it is not.
     *
     * @param source the control plane path of the key's manifest, or null for a cascade the worker
     *     must already hold (the bundled demo)
     * @throws java.util.NoSuchElementException when neither this worker nor the control plane has it
     */
    void ensure(String key, String source) {
        if (engine.cascades().contains(key)) {
            return;
        }
        if (source == null) {
            throw new java.util.NoSuchElementException("no cascade named " + key + " is loaded");
        }
        if (!key.matches("[a-z0-9][a-z0-9-]{0,99}") || !source.matches("/internal/models/[^?#]+/" + key)) {
            throw new BadRequestException("'source' must be the control plane path of model key " + key);
        }
        // one load per key at a time; concurrent first requests wait for it
        synchronized (loading.computeIfAbsent(key, k -> new Object())) {
            if (engine.cascades().contains(key)) {
                return;
            }
            long start = System.nanoTime();
            Path dir = cacheDir.resolve(key);
            boolean cached = Files.isRegularFile(dir.resolve(Manifests.FILE_NAME));
            if (!cached) {
                fetch(key, source, dir);
            }
            String loaded = engine.load(dir);
            if (!loaded.equals(key)) {
                engine.unload(loaded, Duration.ZERO);
                throw new IllegalStateException("the control plane sent cascade " + loaded + " for key " + key);
            }
            LOG.log(
                    System.Logger.Level.INFO,
                    "loaded cascade " + key + (cached ? " from the disk cache" : " from the control plane") + " in "
                            + (System.nanoTime() - start) / 1_000_000 + " ms");
            String origin = source.substring(0, source.length() - key.length());
            String replaced = bySource.put(origin, key);
            if (replaced != null && !replaced.equals(key)) {
                engine.unload(replaced, UNLOAD_GRACE);
                delete(cacheDir.resolve(replaced));
                LOG.log(System.Logger.Level.INFO, "unloaded cascade " + replaced + ", replaced by " + key);
            }
        }
    }

    private void fetch(String key, String source, Path dir) {
        try {
            Files.createDirectories(cacheDir);
            // written beside the cache and moved in whole, so a crash never leaves half a model
            Path partial = Files.createTempDirectory(cacheDir, "." + key + "-");
            byte[] manifestJson = controlPlane.get(source);
            CascadeManifest manifest = Manifests.read(new ByteArrayInputStream(manifestJson));
            if (!manifest.name().equals(key)) {
                throw new IllegalStateException(
                        "the control plane sent cascade " + manifest.name() + " for key " + key);
            }
            for (StageSpec stage : manifest.stages()) {
                for (String file : stage.files().values()) {
                    if (!file.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
                        throw new IllegalStateException("model file name " + file + " is not a plain name");
                    }
                    Files.write(partial.resolve(file), controlPlane.get(source + "/files/" + file));
                }
            }
            Files.write(partial.resolve(Manifests.FILE_NAME), manifestJson);
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache cascade " + key + " under " + cacheDir, e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
