package io.tierserve.worker.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sentence-encoder stage's file: which encoder reads the text and how, and the trained linear head
 * on its embedding (class scores {@code weights · embedding + bias}, then softmax).
 *
 * @param encoder the encoder's ONNX file, a classpath resource (it ships in a Maven jar)
 * @param tokenizer its HuggingFace {@code tokenizer.json}, a classpath resource
 * @param prefix put before the text (e5 reads {@code "query: "})
 * @param maxTokens tokens read (special tokens included); the rest of the text is cut
 * @param maxChars characters handed to the tokenizer (the text's start; cheaper than tokenising it all)
 * @param weights per class, a weight per embedding dimension, then (with {@code ngrams}) one per class
 *     of the n-gram model's centred class scores
 * @param bias per class
 * @param ngrams an n-gram model file of the same cascade whose class scores the head also reads
 *     (stacking: the stage computes them itself), or {@code null}
 */
public record EncoderHead(
        String encoder,
        String tokenizer,
        String prefix,
        int maxTokens,
        int maxChars,
        float[][] weights,
        float[] bias,
        String ngrams,
        String provenance) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public EncoderHead {
        if (weights.length != bias.length || weights.length < 2) {
            throw new IllegalArgumentException("a head needs weights and a bias per class (2 or more)");
        }
        if (maxTokens < 3 || maxChars < 1) {
            throw new IllegalArgumentException("maxTokens and maxChars must be positive");
        }
        prefix = prefix == null ? "" : prefix;
    }

    /** Class probabilities for an embedding (and, with {@code ngrams}, the n-gram features). */
    public float[] probabilities(float[] features) {
        double[] scores = new double[bias.length];
        for (int c = 0; c < bias.length; c++) {
            if (weights[c].length != features.length) {
                throw new IllegalArgumentException(
                        "the head reads " + weights[c].length + " features, got " + features.length);
            }
            double s = bias[c];
            for (int i = 0; i < features.length; i++) {
                s += weights[c][i] * features[i];
            }
            scores[c] = s;
        }
        return Softmax.of(scores);
    }

    /** An embedding followed by an n-gram model's class scores, centred (what a stacked head reads). */
    public static float[] stack(float[] embedding, double[] ngramScores) {
        float[] out = java.util.Arrays.copyOf(embedding, embedding.length + ngramScores.length);
        double mean = 0;
        for (double s : ngramScores) {
            mean += s / ngramScores.length;
        }
        for (int c = 0; c < ngramScores.length; c++) {
            out[embedding.length + c] = (float) (ngramScores[c] - mean);
        }
        return out;
    }

    public static EncoderHead read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readValue(in, EncoderHead.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the encoder head " + file, e);
        }
    }

    public void write(Path file) {
        try {
            Files.writeString(file, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
