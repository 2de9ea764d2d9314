package io.tierserve.policy.profile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rules of the profile format, checked once when a {@link Profile} is built. */
final class ProfileValidation {

    private ProfileValidation() {}

    static void validate(
            int formatVersion,
            String cascade,
            String deviceClass,
            List<String> labels,
            List<ProfileStage> stages,
            List<ProfileSample> samples) {
        require(
                formatVersion == Profile.FORMAT_VERSION,
                "formatVersion must be " + Profile.FORMAT_VERSION + ", was " + formatVersion);
        require(cascade != null && !cascade.isBlank(), "cascade must name the profiled cascade");
        require(deviceClass != null && !deviceClass.isBlank(), "deviceClass must name a device class");
        require(!stages.isEmpty(), "a profile needs at least one stage");
        Map<String, Integer> index = new HashMap<>();
        for (int v = 0; v < stages.size(); v++) {
            ProfileStage stage = stages.get(v);
            String where = "stages[" + v + "]";
            require(stage.id() != null && !stage.id().isBlank(), where + ": id must not be blank");
            require(index.putIfAbsent(stage.id(), v) == null, where + ": duplicate stage id '" + stage.id() + "'");
            String parent = stage.parent();
            if (parent != null) {
                // Parents listed first make the stages an out-tree (one parent each, no cycle) in topological order.
                require(
                        index.containsKey(parent),
                        where + " ('" + stage.id() + "'): parent '" + parent + "' "
                                + (stages.stream().anyMatch(s -> parent.equals(s.id()))
                                        ? "must be listed before its child"
                                        : "is not a stage of this profile"));
            }
            require(
                    stage.latency().containsKey(deviceClass),
                    where + " ('" + stage.id() + "'): no latency for the profile's device class '" + deviceClass + "'");
            for (Map.Entry<String, StageLatency> e : stage.latency().entrySet()) {
                StageLatency l = e.getValue();
                String at = where + " ('" + stage.id() + "') latency." + e.getKey();
                require(l != null, at + " is missing");
                requireLatency(l.meanMs(), at + ".meanMs");
                requireLatency(l.p50Ms(), at + ".p50Ms");
                requireLatency(l.p99Ms(), at + ".p99Ms");
            }
        }
        require(!samples.isEmpty(), "a profile needs at least one sample");
        for (int s = 0; s < samples.size(); s++) {
            ProfileSample sample = samples.get(s);
            String where = "samples[" + s + "]";
            require(
                    labels.isEmpty() || (sample.label() >= 0 && sample.label() < labels.size()),
                    where + ": label " + sample.label() + " is not an index into labels (size " + labels.size() + ")");
            require(
                    sample.outputs().size() == stages.size(),
                    where + ": has " + sample.outputs().size() + " outputs, the cascade has " + stages.size()
                            + " stages (every sample needs every stage)");
            for (int v = 0; v < stages.size(); v++) {
                double c = sample.outputs().get(v).confidence();
                require(
                        c >= 0 && c <= 1,
                        where + ".outputs[" + v + "] ('" + stages.get(v).id() + "'): confidence " + c
                                + " is not in [0, 1]");
            }
        }
    }

    private static void requireLatency(double ms, String what) {
        require(Double.isFinite(ms) && ms >= 0, what + " must be a finite latency >= 0, was " + ms);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidProfileException(message);
        }
    }
}
