package io.tierserve.worker.server;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.MixedPolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.worker.execution.CompiledPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Policy versions by id, fetched from the control plane the first time an id is asked for and kept:
 * a version's tables never change, so an id names exactly one policy.
 */
final class PolicyCache {

    private static final int LIMIT = 1024;

    private final ControlPlaneClient controlPlane;
    private final Map<String, CompiledPolicy> versions = new ConcurrentHashMap<>();

    PolicyCache(ControlPlaneClient controlPlane) {
        this.controlPlane = controlPlane;
    }

    CompiledPolicy version(String versionId) {
        CompiledPolicy cached = versions.get(versionId);
        if (cached != null) {
            return cached;
        }
        if (!versionId.matches("[0-9a-f-]{36}")) {
            throw new BadRequestException("'policyVersion' must be a version id");
        }
        CompiledPolicy fetched =
                compile(controlPlane.json("/internal/policies/" + versionId).get("tables"));
        if (versions.size() >= LIMIT) {
            // retired versions are asked for no more; a rare refetch is cheaper than tracking use
            versions.clear();
        }
        versions.put(versionId, fetched);
        return fetched;
    }

    /**
     * A stored version's tables: {@code first} (a policy document), and when the tier mixes two
     * policies {@code second} and {@code mixProbability} (the first one's share).
     */
    static CompiledPolicy compile(JsonNode tables) {
        if (tables == null || !tables.has("first")) {
            throw new IllegalStateException("the control plane sent a policy version without tables");
        }
        PolicyDocument first = PolicyDocument.read(tables.get("first").toString());
        CascadePolicy policy = first.toPolicy();
        JsonNode second = tables.get("second");
        if (second != null && !second.isNull()) {
            double p = tables.path("mixProbability").asDouble(1.0);
            policy = MixedPolicy.of(
                    p, policy, PolicyDocument.read(second.toString()).toPolicy());
        }
        return new CompiledPolicy(policy, first.binEdges() == null ? null : new ConfidenceBins(first.binEdges()));
    }
}
