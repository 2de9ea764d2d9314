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
 * @param weights per class, a weight per embedding dimension
 * @param bias per class
 */
public record EncoderHead(
        String encoder,
        String tokenizer,
        String prefix,
        int maxTokens,
        int maxChars,
        float[][] weights,
        float[] bias,
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

    /** Class probabilities for an embedding. */
    public float[] probabilities(float[] embedding) {
        double[] scores = new double[bias.length];
        for (int c = 0; c < bias.length; c++) {
            double s = bias[c];
            for (int i = 0; i < embedding.length; i++) {
                s += weights[c][i] * embedding[i];
            }
            scores[c] = s;
        }
        return Softmax.of(scores);
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
