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
        return sha256At(InProcessWorker.DEMO_LOCATION_PREFIX + file);
    }

    static long size(String file) {
        return sizeAt(InProcessWorker.DEMO_LOCATION_PREFIX + file);
    }

    /** The SHA-256 of the file at a {@code classpath:} location. */
    static String sha256At(String location) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(read(location)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The size of the file at a {@code classpath:} location. */
    static long sizeAt(String location) {
        return read(location).length;
    }

    private static byte[] read(String location) {
        String resource = location.substring("classpath:".length());
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
