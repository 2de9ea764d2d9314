package io.tierserve.platform.inference;

import io.tierserve.policy.profile.Profile;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.Engines;
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
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The inference worker running inside the platform process (standalone mode): the worker module's
 * {@link InferenceEngine} with the committed demo cascade, loaded once at start and closed on shutdown.
 *
 * <p>DJL is put in offline mode before it loads (nothing can be downloaded here, so a download
 * attempt should fail at once), and every stage runs on one intra-op thread: stable tails for
 * single requests (ENVIRONMENT.md).
 */
@Component
public class InProcessWorker implements DisposableBean {

    /** The demo cascade's name, as its manifest states it. */
    public static final String DEMO_CASCADE = "fashion-mnist";

    /** Artifact locations of the bundled demo start with this. */
    public static final String DEMO_LOCATION_PREFIX = "classpath:" + InferenceEngine.DEMO_RESOURCE + "/";

    private static final Logger log = LoggerFactory.getLogger(InProcessWorker.class);

    // enough for the JIT to compile image decoding and the stage calls before the first request
    private static final int WARMUP_REQUESTS = 300;

    private final InferenceEngine engine;

    InProcessWorker() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        long start = System.nanoTime();
        this.engine = InferenceEngine.withDemo();
        long loaded = System.nanoTime();
        Warmup.run(engine, DEMO_CASCADE, WARMUP_REQUESTS);
        log.info(
                "In-process worker loaded cascade '{}' ({} stages) in {} ms and warmed it up with {} requests in {} ms",
                DEMO_CASCADE,
                engine.manifest(DEMO_CASCADE).stages().size(),
                (loaded - start) / 1_000_000,
                WARMUP_REQUESTS,
                (System.nanoTime() - loaded) / 1_000_000);
    }

    /** The manifest of a loaded cascade. */
    public CascadeManifest manifest(String cascade) {
        return engine.manifest(cascade);
    }

    /**
     * The loaded cascade whose files these artifact locations are, in stage order; empty when this
     * worker holds no such cascade.
     */
    Optional<String> cascadeFor(List<String> artifactLocations) {
        CascadeManifest demo = engine.manifest(DEMO_CASCADE);
        if (artifactLocations.size() != demo.stages().size()) {
            return Optional.empty();
        }
        for (int i = 0; i < artifactLocations.size(); i++) {
            String expected = DEMO_LOCATION_PREFIX
                    + demo.stages().get(i).files().get(demo.stages().get(i).engine());
            if (!expected.equals(artifactLocations.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(DEMO_CASCADE);
    }

    /** Loads the cascade in {@code dir} (manifest and stage files) next to the demo; returns its name. */
    // qualified, not imported: the import block stays as on main, where another change adds imports
    String load(java.nio.file.Path dir) {
        return engine.load(dir);
    }

    /**
     * {@code input} in the first stage's layout of loaded cascade {@code loaded}.
     *
     * @throws InvalidInputException when it does not fit the cascade
     */
    Tensor preprocess(String loaded, InferenceInput input) {
        return engine.preprocess(loaded, input);
    }

    Prediction execute(InferenceRequest request) {
        return engine.execute(request);
    }

    /** Every stage's output on {@code input} (a full profiling run of one live request). */
    FullRun.Outputs runAll(String cascade, InferenceInput input) {
        return FullRun.run(engine, cascade, input);
    }

    /**
     * Profiles loaded cascade {@code loaded} on labelled inputs (the profiler's single-request runs
     * after {@code warmup} untimed ones; latencies filed under this process's device class).
     *
     * @throws InvalidInferenceInputException when an input does not fit the cascade (the field names
     *     the sample)
     */
    Profile measure(String loaded, List<InferenceInput> inputs, int[] labels, int warmup) {
        List<Tensor> tensors = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            InferenceInput input = inputs.get(i);
            try {
                tensors.add(engine.preprocess(loaded, input));
            } catch (InvalidInputException e) {
                String field = "samples[" + i + "]." + (input instanceof InferenceInput.Image ? "image" : "tensor");
                throw InvalidInferenceInputException.because(field, e.getMessage());
            }
        }
        return Profiler.profile(engine, loaded, LabelledInputs.of(tensors, labels), warmup, Engines.deviceClass());
    }

    @Override
    public void destroy() {
        engine.close();
        log.info("In-process worker closed its models");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
