package io.tierserve.policy.profile;

import java.util.Map;

/**
 * One stage of a profiled cascade.
 *
 * @param id unique stage id
 * @param parent id of the stage that must run before this one, or {@code null} for a first stage
 * @param latency measured latency per device class (e.g. {@code "cpu"})
 */
public record ProfileStage(String id, String parent, Map<String, StageLatency> latency) {

    public ProfileStage {
        latency = latency == null ? Map.of() : Map.copyOf(latency);
    }

    /** The latency on {@code deviceClass}. */
    public StageLatency latencyOn(String deviceClass) {
        StageLatency l = latency.get(deviceClass);
        if (l == null) {
            throw new InvalidProfileException("stage '" + id + "' has no latency for device class '" + deviceClass
                    + "' (has " + latency.keySet() + ")");
        }
        return l;
    }
}
