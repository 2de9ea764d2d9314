package io.tierserve.platform.inference;

import io.tierserve.policy.profile.Profile;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.Manifests;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.execution.InferenceRequest;
import io.tierserve.worker.execution.InvalidInputException;
import io.tierserve.worker.execution.Prediction;
import io.tierserve.worker.profiling.FullRun;
import io.tierserve.worker.profiling.LabelledInputs;
import io.tierserve.worker.profiling.Profiler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The inference worker running inside the platform process (standalone mode): the worker module's
 * {@link InferenceEngine} with the committed demo cascades ({@code fashion-mnist}, images; {@code
 * spam}, text), loaded once at start and closed on shutdown.
 *
 * <p>DJL is put in offline mode before it loads (nothing can be downloaded here, so a download
 * attempt should fail at once), and every stage runs on one intra-op thread, which at batch size 1
 * keeps per-request latency tails short.
 */
@Component
public class InProcessWorker implements DisposableBean {

    /** The demo cascade's name, as its manifest states it. */
    public static final String DEMO_CASCADE = "fashion-mnist";

    /** Artifact locations of the bundled demo start with this. */
    public static final String DEMO_LOCATION_PREFIX = "classpath:" + InferenceEngine.DEMO_RESOURCE + "/";

    /** The text demo cascade's name ({@code spam}), as its manifest states it. */
    public static final String SPAM_CASCADE = "spam";

    /** Artifact locations of the bundled text demo start with this. */
    public static final String SPAM_LOCATION_PREFIX = "classpath:" + InferenceEngine.SPAM_RESOURCE + "/";

    // a text request runs three models of milliseconds: a few dozen are enough for the JIT
    private static final int SPAM_WARMUP_REQUESTS = 30;

    private static final Logger log = LoggerFactory.getLogger(InProcessWorker.class);

    // enough for the JIT to compile image decoding and the stage calls before the first request
    private static final int WARMUP_REQUESTS = 300;

    private final InferenceEngine engine;
    private final CascadeManifest demoManifest;
    // the bundled cascades' manifests by name, and where their artifacts are
    private final Map<String, CascadeManifest> bundled = new LinkedHashMap<>();
    private final Map<String, String> locationPrefixes = Map.of(
            DEMO_CASCADE, DEMO_LOCATION_PREFIX,
            SPAM_CASCADE, SPAM_LOCATION_PREFIX);

    InProcessWorker(@Value("${tierserve.inference.in-process:true}") boolean enabled) {
        if (!enabled) {
            // remote workers serve; the platform still reads the demo's manifest (seeding, labels)
            this.engine = null;
            this.demoManifest = Manifests.read(InferenceEngine.demoDirectory());
            bundled.put(DEMO_CASCADE, demoManifest);
            bundled.put(SPAM_CASCADE, Manifests.read(InferenceEngine.spamDirectory()));
            log.info("In-process worker off (tierserve.inference.in-process=false): requests go to remote workers");
            return;
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        long start = System.nanoTime();
        this.engine = InferenceEngine.withDemo();
        this.demoManifest = engine.manifest(DEMO_CASCADE);
        long loaded = System.nanoTime();
        Warmup.run(engine, DEMO_CASCADE, WARMUP_REQUESTS);
        log.info(
                "In-process worker loaded cascade '{}' ({} stages) in {} ms and warmed it up with {} requests in {} ms",
                DEMO_CASCADE,
                engine.manifest(DEMO_CASCADE).stages().size(),
                (loaded - start) / 1_000_000,
                WARMUP_REQUESTS,
                (System.nanoTime() - loaded) / 1_000_000);
        long textStart = System.nanoTime();
        engine.load(InferenceEngine.spamDirectory());
        long textLoaded = System.nanoTime();
        Warmup.run(engine, SPAM_CASCADE, SPAM_WARMUP_REQUESTS);
        log.info(
                "In-process worker loaded cascade '{}' ({} stages) in {} ms and warmed it up with {} requests in {} ms",
                SPAM_CASCADE,
                engine.manifest(SPAM_CASCADE).stages().size(),
                (textLoaded - textStart) / 1_000_000,
                SPAM_WARMUP_REQUESTS,
                (System.nanoTime() - textLoaded) / 1_000_000);
        bundled.put(DEMO_CASCADE, demoManifest);
        bundled.put(SPAM_CASCADE, engine.manifest(SPAM_CASCADE));
    }

    /** The manifest of a loaded cascade (the demo's also when this process loads no models). */
    public CascadeManifest manifest(String cascade) {
        if (engine == null && bundled.containsKey(cascade)) {
            return bundled.get(cascade);
        }
        return running().manifest(cascade);
    }

    /** Whether this process serves requests itself ({@code tierserve.inference.in-process}). */
    boolean enabled() {
        return engine != null;
    }

    /** The cascades loaded in this process. */
    Set<String> cascades() {
        return engine == null ? Set.of() : engine.cascades();
    }

    private InferenceEngine running() {
        if (engine == null) {
            throw new IllegalStateException("the in-process worker is off (tierserve.inference.in-process=false)");
        }
        return engine;
    }

    /**
     * The loaded cascade whose files these artifact locations are, in stage order; empty when this
     * worker holds no such cascade.
     */
    Optional<String> cascadeFor(List<String> artifactLocations) {
        for (Map.Entry<String, CascadeManifest> entry : bundled.entrySet()) {
            if (artifactLocations.equals(artifactLocations(entry.getKey()))) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code cascade} is one of the cascades every worker bundles (the demos). */
    static boolean isBundled(String cascade) {
        return DEMO_CASCADE.equals(cascade) || SPAM_CASCADE.equals(cascade);
    }

    /** The artifact locations of bundled cascade {@code cascade}'s stages, in stage order. */
    public List<String> artifactLocations(String cascade) {
        CascadeManifest manifest = manifest(cascade);
        String prefix = locationPrefixes.get(cascade);
        return manifest.stages().stream()
                .map(stage -> prefix + stage.files().get(stage.engine()))
                .toList();
    }

    /** Loads the cascade in {@code dir} (manifest and stage files) next to the demo; returns its name. */
    String load(java.nio.file.Path dir) {
        return running().load(dir);
    }

    Prediction execute(InferenceRequest request) {
        return running().execute(request);
    }

    /** Every stage's output on {@code input} (a full profiling run of one live request). */
    FullRun.Outputs runAll(String cascade, InferenceInput input) {
        return FullRun.run(running(), cascade, input);
    }

    /**
     * Profiles loaded cascade {@code loaded} on labelled inputs (the profiler's single-request runs
     * after {@code warmup} untimed ones; latencies filed under this process's device class).
     *
     * @throws InvalidInferenceInputException when an input does not fit the cascade (the field names
     *     the sample)
     */
    Profile measure(String loaded, List<InferenceInput> inputs, int[] labels, int warmup, String deviceClass) {
        List<Tensor> tensors = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            InferenceInput input = inputs.get(i);
            try {
                tensors.add(running().preprocess(loaded, input));
            } catch (InvalidInputException e) {
                String field = "samples[" + i + "]."
                        + (input instanceof InferenceInput.Image
                                ? "image"
                                : input instanceof InferenceInput.Text ? "text" : "tensor");
                throw InvalidInferenceInputException.because(field, e.getMessage());
            }
        }
        return Profiler.profile(running(), loaded, LabelledInputs.of(tensors, labels), warmup, deviceClass);
    }

    @Override
    public void destroy() {
        if (engine == null) {
            return;
        }
        engine.close();
        log.info("In-process worker closed its models");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
