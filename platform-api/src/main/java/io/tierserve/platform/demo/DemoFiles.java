package io.tierserve.platform.demo;

import io.tierserve.platform.inference.InProcessWorker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests and sizes of the demo cascade's files on the classpath, for its model artifact records. */
final class DemoFiles {

    private DemoFiles() {}

    static String sha256(String file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(read(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static long size(String file) {
        return read(file).length;
    }

    private static byte[] read(String file) {
        String resource = InProcessWorker.DEMO_LOCATION_PREFIX.substring("classpath:".length()) + file;
        try (InputStream in = DemoFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
