package io.tierserve.platform.cascade;

import java.util.List;
import java.util.UUID;

/**
 * A cascade whose every stage runs an uploaded ONNX model stored in the database, with what a worker
 * needs to serve it.
 *
 * @param stageNames in topological order (policy order)
 * @param parents per stage, the parent's name or {@code null}
 * @param artifactIds per stage, the current artifact (its bytes: {@link ModelUploadService#modelContent})
 * @param sha256s per stage, the current artifact's digest
 */
public record UploadedCascade(
        UUID tenantId,
        String name,
        List<String> stageNames,
        List<String> parents,
        List<UUID> artifactIds,
        List<String> sha256s,
        ModelInput input) {

    public UploadedCascade {
        stageNames = List.copyOf(stageNames);
        parents = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parents));
        artifactIds = List.copyOf(artifactIds);
        sha256s = List.copyOf(sha256s);
    }
}
