package io.tierserve.worker.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A BERT-style sentence encoder: its HuggingFace tokenizer, then the ONNX model on ONNX Runtime, then
 * the mean of the last hidden states over the text's tokens, scaled to unit length (how
 * all-MiniLM-L6-v2 and e5-small-v2 make sentence embeddings). One shared session; thread-safe.
 */
public final class SentenceEncoder implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean typeIds;
    private final String prefix;
    private final int maxChars;
    // close() waits for runs in flight and later runs are refused: a native session used after it
    // is closed crashes the process (a queued live-profiling run at shutdown did)
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private SentenceEncoder(
            HuggingFaceTokenizer tokenizer,
            OrtEnvironment environment,
            OrtSession session,
            String prefix,
            int maxChars) {
        this.tokenizer = tokenizer;
        this.environment = environment;
        this.session = session;
        this.typeIds = session.getInputNames().contains("token_type_ids");
        this.prefix = prefix;
        this.maxChars = maxChars;
    }

    /**
     * Loads the encoder a head names (classpath resources).
     *
     * @param threads ONNX Runtime intra-op threads (1 when serving: stable tails)
     * @param gpu whether to run on the first GPU (CUDA execution provider)
     */
    public static SentenceEncoder load(EncoderHead head, int threads, boolean gpu) {
        Set<String> expected = Set.of("input_ids", "attention_mask");
        HuggingFaceTokenizer tokenizer;
        try (InputStream in = resource(head.tokenizer())) {
            tokenizer = HuggingFaceTokenizer.newInstance(
                    in,
                    Map.of("maxLength", Integer.toString(head.maxTokens()), "truncation", "true", "padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer " + head.tokenizer(), e);
        }
        byte[] model;
        try (InputStream in = resource(head.encoder())) {
            model = in.readAllBytes();
        } catch (IOException e) {
            tokenizer.close();
            throw new UncheckedIOException("cannot read the encoder " + head.encoder(), e);
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            if (gpu) {
                options.addCUDA(0);
            }
            OrtSession session = environment.createSession(model, options);
            if (!session.getInputNames().containsAll(expected)) {
                session.close();
                tokenizer.close();
                throw new IllegalArgumentException(
                        head.encoder() + " does not read input_ids and attention_mask: " + session.getInputNames());
            }
            return new SentenceEncoder(tokenizer, environment, session, head.prefix(), head.maxChars());
        } catch (OrtException e) {
            tokenizer.close();
            throw new IllegalStateException("cannot load the encoder " + head.encoder() + ": " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the classpath");
        }
        return in;
    }

    /**
     * The text's embedding (unit length).
     *
     * @throws IllegalStateException when the encoder is closed
     */
    public float[] embed(String text) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the encoder is closed");
            }
            return run(text);
        } finally {
            lock.readLock().unlock();
        }
    }

    private float[] run(String text) {
        String cut = text.length() > maxChars ? text.substring(0, maxChars) : text;
        Encoding encoding = tokenizer.encode(prefix + cut);
        long[] ids = encoding.getIds();
        long[] mask = encoding.getAttentionMask();
        long[] shape = {1, ids.length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                inputs.put(
                        "token_type_ids",
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                return meanPool(hidden[0], mask);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the encoder failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] meanPool(float[][] tokens, long[] mask) {
        int dim = tokens[0].length;
        double[] sum = new double[dim];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            for (int i = 0; i < dim; i++) {
                sum[i] += tokens[t][i];
            }
        }
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            sum[i] /= Math.max(1, count);
            norm += sum[i] * sum[i];
        }
        norm = Math.sqrt(norm);
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
            out[i] = (float) (norm > 0 ? sum[i] / norm : 0);
        }
        return out;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("cannot close an ONNX session", e);
            } finally {
                tokenizer.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
