package io.tierserve.worker.cascade;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@code manifest.json}. */
public final class Manifests {

    /** The manifest's file name inside a cascade directory. */
    public static final String FILE_NAME = "manifest.json";

    static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Manifests() {}

    public static CascadeManifest read(Path cascadeDir) {
        try (InputStream in = Files.newInputStream(cascadeDir.resolve(FILE_NAME))) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest in " + cascadeDir, e);
        }
    }

    public static CascadeManifest read(InputStream in) {
        return JSON.readValue(in, CascadeManifest.class);
    }

    /** The manifest as {@code manifest.json} holds it. */
    public static String json(CascadeManifest manifest) {
        return JSON.writeValueAsString(manifest) + "\n";
    }

    public static void write(Path cascadeDir, CascadeManifest manifest) {
        try {
            Files.createDirectories(cascadeDir);
            Files.writeString(cascadeDir.resolve(FILE_NAME), json(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest in " + cascadeDir, e);
        }
    }
}
