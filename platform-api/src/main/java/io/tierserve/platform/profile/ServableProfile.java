package io.tierserve.platform.profile;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.profile.StageLatency;
import java.util.Map;

/**
 * What a profile needs beyond the format's own rules before the platform stores it, so that its
 * recomputation can succeed: a job that could only fail is refused at upload (400) instead of
 * failing three times into the dead letter.
 */
final class ServableProfile {

    /** Tier resolution splits the samples into a fit half and a held-out half, one sample at least each. */
    static final int MIN_SAMPLES = 2;

    /** The longest stage latency a profile may claim: an hour, the longest deadline or budget a tier may set. */
    static final double MAX_LATENCY_MS = 3_600_000;

    private ServableProfile() {}

    static void check(Profile profile) {
        if (profile.sampleCount() < MIN_SAMPLES) {
            throw InvalidProfileUploadException.because("a profile needs at least " + MIN_SAMPLES
                    + " samples (a fit half and a held-out half), this one has " + profile.sampleCount());
        }
        for (ProfileStage stage : profile.stages()) {
            for (Map.Entry<String, StageLatency> latency : stage.latency().entrySet()) {
                StageLatency l = latency.getValue();
                double most = Math.max(l.meanMs(), Math.max(l.p50Ms(), l.p99Ms()));
                if (!(most <= MAX_LATENCY_MS)) {
                    throw InvalidProfileUploadException.because("stage '" + stage.id() + "' latency."
                            + latency.getKey() + " claims " + most + " ms; at most " + MAX_LATENCY_MS
                            + " ms are accepted");
                }
            }
        }
        int classes = profile.labels().isEmpty()
                ? Integer.MAX_VALUE
                : profile.labels().size();
        for (int s = 0; s < profile.sampleCount(); s++) {
            ProfileSample sample = profile.samples().get(s);
            if (sample.label() < 0 || sample.label() >= classes) {
                throw InvalidProfileUploadException.because(
                        "samples[" + s + "]: label " + sample.label() + " is not a class index" + range(classes));
            }
            for (int v = 0; v < sample.outputs().size(); v++) {
                int prediction = sample.outputs().get(v).prediction();
                if (prediction < 0 || prediction >= classes) {
                    throw InvalidProfileUploadException.because("samples[" + s + "].outputs[" + v + "]: prediction "
                            + prediction + " is not a class index" + range(classes));
                }
            }
        }
    }

    private static String range(int classes) {
        return classes == Integer.MAX_VALUE ? " (>= 0)" : " in [0, " + classes + ")";
    }
}
