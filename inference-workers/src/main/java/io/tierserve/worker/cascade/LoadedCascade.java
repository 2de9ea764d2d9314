package io.tierserve.worker.cascade;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** A cascade whose stage models are loaded (once) on one device; hands out per-thread sessions. */
public final class LoadedCascade implements AutoCloseable {

    private final CascadeManifest manifest;
    private final List<StageModel> models;
    private final Device device;

    private LoadedCascade(CascadeManifest manifest, List<StageModel> models, Device device) {
        this.manifest = manifest;
        this.models = models;
        this.device = device;
    }

    /** Loads the cascade in {@code dir} with the engines its manifest names. */
    public static LoadedCascade load(Path dir) {
        return load(dir, Manifests.read(dir));
    }

    /** Loads the cascade in {@code dir} with every stage on {@code engine} (which the manifest lists files for). */
    public static LoadedCascade load(Path dir, String engine) {
        return load(dir, Manifests.read(dir).withEngine(engine));
    }

    /** Loads {@code manifest}'s stages from {@code dir} on the best device ({@link Engines#device}). */
    public static LoadedCascade load(Path dir, CascadeManifest manifest) {
        Engines.configure(1);
        Device device = Engines.device(manifest);
        int[] parents = manifest.parents();
        List<StageModel> models = new ArrayList<>();
        try {
            for (int i = 0; i < manifest.stages().size(); i++) {
                boolean hasChildren = false;
                for (int parent : parents) {
                    hasChildren |= parent == i;
                }
                boolean needHidden = hasChildren && manifest.cascadeKind() == CascadeKind.EARLY_EXIT;
                models.add(StageModel.load(dir, manifest.stages().get(i), needHidden, device));
            }
        } catch (RuntimeException e) {
            models.forEach(StageModel::close);
            throw e;
        }
        return new LoadedCascade(manifest, models, device);
    }

    /**
     * Copies a cascade packaged as classpath resources ({@code resourceDir/manifest.json} and the files
     * it lists) to {@code target}, so engines that read files can load it from a jar.
     */
    public static Path extractResources(String resourceDir, Path target) {
        ClassLoader loader = LoadedCascade.class.getClassLoader();
        try {
            Files.createDirectories(target);
            copy(loader, resourceDir + "/" + Manifests.FILE_NAME, target.resolve(Manifests.FILE_NAME));
            for (StageSpec stage : Manifests.read(target).stages()) {
                for (String file : stage.files().values()) {
                    copy(loader, resourceDir + "/" + file, target.resolve(file));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resourceDir, e);
        }
    }

    private static void copy(ClassLoader loader, String resource, Path target) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource not found: " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public CascadeManifest manifest() {
        return manifest;
    }

    public Device device() {
        return device;
    }

    /** A new set of predictors for one thread; the caller closes it. */
    public CascadeSession newSession() {
        List<StageRunner> runners = new ArrayList<>();
        for (StageModel model : models) {
            runners.add(model.newRunner());
        }
        return new CascadeSession(runners);
    }

    @Override
    public void close() {
        models.forEach(StageModel::close);
    }
}
