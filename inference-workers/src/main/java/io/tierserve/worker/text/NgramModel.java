package io.tierserve.worker.text;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A linear model (multinomial logistic regression) over {@link HashedNgrams} features: per class a
 * weight per bucket and a bias. Its file is gzipped: the magic {@code TSNG}, format 1, buckets,
 * maxChars, classes, then each class's weights and the biases as big-endian floats.
 */
public record NgramModel(HashedNgrams features, float[][] weights, float[] bias) {

    private static final int MAGIC = 0x54534e47; // "TSNG"

    public NgramModel {
        if (weights.length != bias.length || weights.length < 2) {
            throw new IllegalArgumentException("an n-gram model needs weights and a bias per class (2 or more)");
        }
        for (float[] row : weights) {
            if (row.length != features.buckets()) {
                throw new IllegalArgumentException("each class needs a weight per bucket");
            }
        }
    }

    public int classes() {
        return bias.length;
    }

    /** Class probabilities of {@code text}. */
    public float[] probabilities(String text, HashedNgrams.Scratch scratch) {
        return Softmax.of(scores(features.extract(text, scratch)));
    }

    public double[] scores(HashedNgrams.Features x) {
        double[] scores = new double[bias.length];
        for (int c = 0; c < bias.length; c++) {
            double s = bias[c];
            float[] w = weights[c];
            for (int j = 0; j < x.indices().length; j++) {
                s += w[x.indices()[j]] * x.values()[j];
            }
            scores[c] = s;
        }
        return scores;
    }

    public static NgramModel read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the n-gram model " + file, e);
        }
    }

    public static NgramModel read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw)));
        if (in.readInt() != MAGIC || in.readInt() != 1) {
            throw new IOException("not an n-gram model file (format 1)");
        }
        int buckets = in.readInt();
        int maxChars = in.readInt();
        int classes = in.readInt();
        if (buckets <= 0 || buckets > (1 << 24) || classes < 2 || classes > 1000) {
            throw new IOException("implausible n-gram model header");
        }
        float[][] weights = new float[classes][buckets];
        for (float[] row : weights) {
            for (int i = 0; i < buckets; i++) {
                row[i] = in.readFloat();
            }
        }
        float[] bias = new float[classes];
        for (int c = 0; c < classes; c++) {
            bias[c] = in.readFloat();
        }
        return new NgramModel(new HashedNgrams(buckets, maxChars), weights, bias);
    }

    public void write(Path file) {
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out =
                        new DataOutputStream(new java.io.BufferedOutputStream(new GZIPOutputStream(raw)))) {
            out.writeInt(MAGIC);
            out.writeInt(1);
            out.writeInt(features.buckets());
            out.writeInt(features.maxChars());
            out.writeInt(classes());
            for (float[] row : weights) {
                for (float w : row) {
                    out.writeFloat(w);
                }
            }
            for (float b : bias) {
                out.writeFloat(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
