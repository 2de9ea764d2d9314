package io.tierserve.worker.profiling;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * The committed profile of the demo cascade: all 10k Fashion-MNIST test images through every exit,
 * latencies on this project's CPU machines (made by the jar's {@code profile} command).
 */
public final class DemoProfile {

    /** Its classpath location (gzipped profile JSON). */
    public static final String RESOURCE = "demo/fashion-mnist/profile-cpu.json.gz";

    /** The committed profile of the separately trained models ({@code fashion-mnist-models}). */
    public static final String MODELS_RESOURCE = "demo/fashion-mnist-models/profile-cpu.json.gz";

    private DemoProfile() {}

    public static Profile load() {
        return load(RESOURCE);
    }

    /** A gzipped profile on the classpath, e.g. {@link #MODELS_RESOURCE}. */
    public static Profile load(String resource) {
        try (InputStream raw = DemoProfile.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return ProfileJson.read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
