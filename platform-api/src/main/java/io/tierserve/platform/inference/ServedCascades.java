package io.tierserve.platform.inference;

import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.platform.cascade.ModelInput;
import io.tierserve.platform.cascade.ModelUploadService;
import io.tierserve.platform.cascade.UploadedCascade;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the loaded cascade that serves a tenant's cascade: the bundled demo by its artifact
 * locations, or the tenant's uploaded ONNX models, which are written to a directory with a
 * separate-models manifest and loaded into the in-process worker on first use.
 *
 * <p>An uploaded cascade is loaded under a name derived from everything its manifest holds (the
 * tenant, the stages, the models' digests, the input), so a re-upload or a changed input loads a new
 * one, and concurrent first requests load it once ({@link ConcurrentHashMap#computeIfAbsent} blocks
 * the others until it is done). Superseded loads stay in memory until the process ends.
 */
@Component
public class ServedCascades {

    private static final Logger log = LoggerFactory.getLogger(ServedCascades.class);

    private final CascadeService cascades;
    private final ModelUploadService models;
    private final InProcessWorker worker;
    private final Map<String, String> uploaded = new ConcurrentHashMap<>();

    ServedCascades(CascadeService cascades, ModelUploadService models, InProcessWorker worker) {
        this.cascades = cascades;
        this.models = models;
        this.worker = worker;
    }

    /** The name of the loaded cascade serving {@code cascade}; empty when no worker can serve it. */
    Optional<String> find(String tenant, String cascade) {
        CascadeStages stages = cascades.stages(tenant, cascade);
        Optional<String> bundled = worker.cascadeFor(stages.artifactLocations());
        if (bundled.isPresent()) {
            return bundled;
        }
        return models.uploaded(tenant, cascade).map(this::load);
    }

    /** Like {@link #find}, or a 409 problem. */
    String require(String tenant, String cascade) {
        return find(tenant, cascade).orElseThrow(() -> NotServableException.noWorker(cascade));
    }

    /**
     * The class labels of the loaded cascade serving {@code cascade}.
     *
     * @throws NotServableException (409) when no worker can serve it
     */
    public List<String> labels(String tenant, String cascade) {
        return worker.manifest(require(tenant, cascade)).labels();
    }

    /**
     * Profiles {@code cascade} on labelled inputs with the worker that serves it (in-process,
     * synchronously): every stage on every sample, one request at a time after {@code warmup} runs.
     *
     * @throws NotServableException (409) when no worker can serve it
     * @throws InvalidInferenceInputException (400) when a sample does not fit, named by index
     */
    public Profile measure(String tenant, String cascade, List<InferenceInput> inputs, int[] labels, int warmup) {
        return worker.measure(require(tenant, cascade), inputs, labels, warmup);
    }

    private String load(UploadedCascade cascade) {
        CascadeManifest manifest = manifest(cascade);
        return uploaded.computeIfAbsent(manifest.name(), name -> materialise(cascade, manifest));
    }

    private String materialise(UploadedCascade cascade, CascadeManifest manifest) {
        long start = System.nanoTime();
        try {
            List<byte[]> files = new ArrayList<>();
            for (int i = 0; i < cascade.stageNames().size(); i++) {
                byte[] model = models.modelContent(
                        cascade.tenantId(), cascade.artifactIds().get(i));
                try {
                    // checked at upload, but the cascade's input fields may have changed since
                    OnnxModelCheck.check(
                            model,
                            cascade.input().inputShape(),
                            cascade.input().labels().size());
                } catch (IllegalArgumentException e) {
                    throw NotServableException.modelsDoNotLoad(
                            cascade.name(), "stage " + cascade.stageNames().get(i) + ": " + e.getMessage() + ".");
                }
                files.add(model);
            }
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "tierserve-models");
            Files.createDirectories(root);
            // a fresh directory: another process on this machine may be writing the same cascade
            Path dir = Files.createTempDirectory(root, manifest.name() + "-");
            for (int i = 0; i < files.size(); i++) {
                Files.write(dir.resolve(fileName(cascade.stageNames().get(i))), files.get(i));
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
