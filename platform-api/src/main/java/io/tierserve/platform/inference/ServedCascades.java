package io.tierserve.platform.inference;

import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.platform.cascade.ModelInput;
import io.tierserve.platform.cascade.ModelUploadService;
import io.tierserve.platform.cascade.UploadedCascade;
import io.tierserve.platform.worker.ModelRef;
import io.tierserve.platform.worker.ProfileCall;
import io.tierserve.platform.worker.WorkerPools;
import io.tierserve.platform.worker.WorkerRejectedInputException;
import io.tierserve.policy.profile.Profile;
import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.Manifests;
import io.tierserve.worker.cascade.OnnxModelCheck;
import io.tierserve.worker.cascade.Preprocessing;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.execution.InferenceInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finds what serves a tenant's cascade: the bundled demo (by its artifact locations; every worker
 * bundles it), or the tenant's uploaded ONNX models, named by a key derived from everything their
 * manifest holds (the tenant, the stages, the models' digests, the input), so a re-upload or a changed
 * input makes a new key. A remote worker fetches a key it does not hold from
 * {@code /internal/models/<tenant>/<cascade>/<key>} ({@link InternalModelController}); the in-process
 * worker gets the files written to a directory and loaded on first use.
 *
 * <p>Each key's models are checked once against the cascade's current input fields before anything
 * serves it (they may have changed since the upload). Concurrent first requests load a key once
 * ({@link ConcurrentHashMap#computeIfAbsent} blocks the others until it is done). Superseded in-process
 * loads stay in memory until the process ends.
 */
@Component
public class ServedCascades {

    private static final Logger log = LoggerFactory.getLogger(ServedCascades.class);

    private final CascadeService cascades;
    private final ModelUploadService models;
    private final InProcessWorker worker;
    private final WorkerPools pools;
    private final String defaultDeviceClass;
    // keys whose models were checked, with what it takes to write their files
    private final Map<String, UploadedCascade> checked = new ConcurrentHashMap<>();
    private final Map<String, String> uploaded = new ConcurrentHashMap<>();

    ServedCascades(
            CascadeService cascades,
            ModelUploadService models,
            InProcessWorker worker,
            WorkerPools pools,
            @Value("${tierserve.inference.device-class:cpu}") String defaultDeviceClass) {
        this.cascades = cascades;
        this.models = models;
        this.worker = worker;
        this.pools = pools;
        this.defaultDeviceClass = defaultDeviceClass;
    }

    /**
     * The models serving a cascade, and their manifest.
     *
     * @param model the key workers know them by and where to fetch them
     */
    record Served(ModelRef model, CascadeManifest manifest) {}

    /** What serves {@code cascade}; empty when no worker can serve it. */
    Optional<Served> find(String tenant, String cascade) {
        CascadeStages stages = cascades.stages(tenant, cascade);
        Optional<String> bundled = worker.cascadeFor(stages.artifactLocations());
        if (bundled.isPresent()) {
            return Optional.of(new Served(new ModelRef(bundled.get(), null), worker.manifest(bundled.get())));
        }
        return models.uploaded(tenant, cascade).map(upload -> describe(tenant, upload));
    }

    /** Like {@link #find}, or a 409 problem. */
    Served require(String tenant, String cascade) {
        return find(tenant, cascade).orElseThrow(() -> NotServableException.noWorker(cascade));
    }

    /**
     * The class labels of the models serving {@code cascade}.
     *
     * @throws NotServableException (409) when no worker can serve it
     */
    public List<String> labels(String tenant, String cascade) {
        return require(tenant, cascade).manifest().labels();
    }

    /**
     * Profiles {@code cascade} on labelled inputs on a worker of the platform's default device class
     * (see {@link #measure(String, String, List, int[], int, String)}).
     */
    public Profile measure(String tenant, String cascade, List<InferenceInput> inputs, int[] labels, int warmup) {
        return measure(tenant, cascade, inputs, labels, warmup, null);
    }

    /**
     * Profiles {@code cascade} on labelled inputs on a worker of {@code deviceClass}'s pool: every
     * stage on every sample, one request at a time after {@code warmup} runs; the latencies are that
     * class's.
     *
     * @param deviceClass null for the platform's ({@code tierserve.inference.device-class})
     * @throws NotServableException (409) when no worker can serve it
     * @throws InvalidInferenceInputException (400) when a sample does not fit
     * @throws io.tierserve.platform.worker.NoWorkerAvailableException (503) when the pool has no worker up
     */
    public Profile measure(
            String tenant, String cascade, List<InferenceInput> inputs, int[] labels, int warmup, String deviceClass) {
        Served served = require(tenant, cascade);
        try {
            return pools.profile(
                    deviceClass == null ? defaultDeviceClass : deviceClass,
                    new ProfileCall(served.model(), inputs, labels, warmup));
        } catch (WorkerRejectedInputException e) {
            throw InvalidInferenceInputException.because("samples", e.getMessage());
        }
    }

    /** The manifest of key {@code key} when it is what serves the tenant's cascade now. */
    Optional<CascadeManifest> manifest(String tenant, String cascade, String key) {
        return find(tenant, cascade)
                .filter(served ->
                        served.model().key().equals(key) && served.model().source() != null)
                .map(Served::manifest);
    }

    /** The bytes of one model file of key {@code key} (a stage's {@code <stage>.onnx}), when it serves now. */
    Optional<byte[]> file(String tenant, String cascade, String key, String file) {
        if (manifest(tenant, cascade, key).isEmpty()) {
            return Optional.empty();
        }
        UploadedCascade upload = checked.get(key);
        for (int i = 0; i < upload.stageNames().size(); i++) {
            if (fileName(upload.stageNames().get(i)).equals(file)) {
                return Optional.of(models.modelContent(
                        upload.tenantId(), upload.artifactIds().get(i)));
            }
        }
        return Optional.empty();
    }

    /** The in-process worker's name for key {@code key}, loading its files first when needed. */
    String loadInProcess(String key) {
        if (InProcessWorker.isBundled(key)) {
            return key;
        }
        UploadedCascade upload = checked.get(key);
        if (upload == null) {
            throw new NoSuchElementException("no uploaded models with key " + key);
        }
        return uploaded.computeIfAbsent(key, name -> materialise(upload, manifest(upload)));
    }

    private Served describe(String tenant, UploadedCascade upload) {
        CascadeManifest manifest = manifest(upload);
        checked.computeIfAbsent(manifest.name(), key -> check(upload));
        return new Served(
                new ModelRef(
                        manifest.name(), "/internal/models/" + tenant + "/" + upload.name() + "/" + manifest.name()),
                manifest);
    }

    // checked at upload, but the cascade's input fields may have changed since
    private UploadedCascade check(UploadedCascade cascade) {
        for (int i = 0; i < cascade.stageNames().size(); i++) {
            byte[] model = models.modelContent(
                    cascade.tenantId(), cascade.artifactIds().get(i));
            try {
                OnnxModelCheck.check(
                        model,
                        cascade.input().inputShape(),
                        cascade.input().labels().size());
            } catch (IllegalArgumentException e) {
                throw NotServableException.modelsDoNotLoad(
                        cascade.name(), "stage " + cascade.stageNames().get(i) + ": " + e.getMessage() + ".");
            }
        }
        return cascade;
    }

    private String materialise(UploadedCascade cascade, CascadeManifest manifest) {
        long start = System.nanoTime();
        try {
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "tierserve-models");
            Files.createDirectories(root);
            // a fresh directory: another process on this machine may be writing the same cascade
            Path dir = Files.createTempDirectory(root, manifest.name() + "-");
            for (int i = 0; i < cascade.stageNames().size(); i++) {
                Files.write(
                        dir.resolve(fileName(cascade.stageNames().get(i))),
                        models.modelContent(
                                cascade.tenantId(), cascade.artifactIds().get(i)));
            }
            Manifests.write(dir, manifest);
            String name;
            try {
                name = worker.load(dir);
            } catch (RuntimeException e) {
                log.warn("Cannot load the uploaded models of cascade '{}' from {}", cascade.name(), dir, e);
                throw NotServableException.modelsDoNotLoad(cascade.name(), "the worker refused them (see the log).");
            }
            log.info(
                    "Loaded the uploaded models of cascade '{}' ({} stages) as '{}' from {} in {} ms",
                    cascade.name(),
                    cascade.stageNames().size(),
                    name,
                    dir,
                    (System.nanoTime() - start) / 1_000_000);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the uploaded models of cascade " + cascade.name(), e);
        }
    }

    static CascadeManifest manifest(UploadedCascade cascade) {
        ModelInput input = cascade.input();
        List<StageSpec> stages = new ArrayList<>();
        for (int i = 0; i < cascade.stageNames().size(); i++) {
            String stage = cascade.stageNames().get(i);
            stages.add(new StageSpec(
                    stage,
                    cascade.parents().get(i),
                    StageSpec.ONNX_RUNTIME,
                    Map.of(StageSpec.ONNX_RUNTIME, fileName(stage)),
                    null,
                    input.output()));
        }
        List<Integer> shape = input.inputShape();
        // an image is resized to the shape's last two axes (one row for a flat input)
        int width = shape.get(shape.size() - 1);
        int height = shape.size() > 1 ? shape.get(shape.size() - 2) : 1;
        Preprocessing preprocessing = new Preprocessing(true, width, height, 1.0 / 255, input.mean(), input.std());
        String unnamed = String.join(
                "|",
                cascade.tenantId().toString(),
                cascade.stageNames().toString(),
                cascade.parents().toString(),
                cascade.sha256s().toString(),
                input.toString());
        return new CascadeManifest(
                1,
                "upload-" + sha256(unnamed).substring(0, 32),
                CascadeKind.SEPARATE.json(),
                shape,
                preprocessing,
                input.labels(),
                stages,
                "uploaded through the control plane: tenant " + cascade.tenantId() + ", cascade " + cascade.name());
    }

    private static String fileName(String stage) {
        return stage + ".onnx";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
