package io.tierserve.worker.cascade;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stage of a cascade manifest.
 *
 * @param id the stage's name, unique in the cascade
 * @param parent the stage that must run before it, or {@code null} for a root
 * @param engine the engine that serves it: {@code OnnxRuntime} or {@code PyTorch}; for a text input,
 *     {@code HashedNgrams} (an n-gram linear model's file) or {@code SentenceEncoder} (an encoder head's
 *     file, which names the encoder)
 * @param files the stage's model file per engine, relative to the manifest's directory
 * @param architecture for {@code PyTorch} parameter files, the {@link StageBlockFactory} class that
 *     builds the block they belong to
 * @param output {@code logits} (softmax applied by the worker) or {@code probabilities}
 */
public record StageSpec(
        String id, String parent, String engine, Map<String, String> files, String architecture, String output) {

    public static final String ONNX_RUNTIME = "OnnxRuntime";
    public static final String PYTORCH = "PyTorch";
    public static final String HASHED_NGRAMS = "HashedNgrams";
    public static final String SENTENCE_ENCODER = "SentenceEncoder";

    public StageSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a stage needs an id");
        }
        files = Collections.unmodifiableMap(new TreeMap<>(files));
        if (!files.containsKey(engine)) {
            throw new IllegalArgumentException("stage " + id + " has no file for its engine " + engine);
        }
        output = output == null ? "logits" : output;
    }

    /** The same stage served by another engine (for which the manifest also lists a file). */
    public StageSpec withEngine(String otherEngine) {
        return new StageSpec(id, parent, otherEngine, files, architecture, output);
    }
}
