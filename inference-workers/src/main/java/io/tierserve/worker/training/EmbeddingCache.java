package io.tierserve.worker.training;

import io.tierserve.worker.text.SentenceEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Embeddings computed once per encoder and message list and kept in a directory, so that training a
 * head again (other settings) does not run the encoder again. A file's name holds a digest of the
 * messages' ids and texts: other messages never read a stale file.
 */
final class EmbeddingCache {

    private EmbeddingCache() {}

    static float[][] embed(Path dir, String key, SentenceEncoder encoder, List<SpamAssassin.Message> messages) {
        Path file = dir.resolve(key + "-" + digest(messages) + ".bin");
        if (Files.isRegularFile(file)) {
            try (InputStream raw = Files.newInputStream(file);
                    DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
                float[][] out = new float[in.readInt()][];
                for (int i = 0; i < out.length; i++) {
                    out[i] = new float[in.readInt()];
                    for (int k = 0; k < out[i].length; k++) {
                        out[i][k] = in.readFloat();
                    }
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        float[][] out = new float[messages.size()][];
        for (int i = 0; i < messages.size(); i++) {
            out[i] = encoder.embed(messages.get(i).text());
        }
        try {
            Files.createDirectories(dir);
            try (OutputStream raw = Files.newOutputStream(file);
                    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(raw))) {
                data.writeInt(out.length);
                for (float[] row : out) {
                    data.writeInt(row.length);
                    for (float v : row) {
                        data.writeFloat(v);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return out;
    }

    private static String digest(List<SpamAssassin.Message> messages) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SpamAssassin.Message m : messages) {
                sha.update((m.group() + "/" + m.id() + "\n" + m.text() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
