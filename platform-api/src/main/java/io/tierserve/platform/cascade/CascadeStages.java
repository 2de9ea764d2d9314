package io.tierserve.platform.cascade;

import java.util.List;
import java.util.UUID;

/**
 * A cascade's stages in topological order (a stage's index here is its index in policy tables).
 *
 * @param artifactLocations per stage, the current model artifact's location, or {@code null}
 */
public record CascadeStages(
        UUID tenantId,
        UUID cascadeId,
        String name,
        List<String> stageNames,
        List<UUID> stageIds,
        List<String> artifactLocations) {

    public CascadeStages {
        stageNames = List.copyOf(stageNames);
        stageIds = List.copyOf(stageIds);
        artifactLocations = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(artifactLocations));
    }

    /** The id of stage {@code name}. */
    public UUID stageId(String stageName) {
        int index = stageNames.indexOf(stageName);
        if (index < 0) {
            throw new IllegalArgumentException("cascade " + name + " has no stage " + stageName);
        }
        return stageIds.get(index);
    }
}
