package io.tierserve.platform.policy;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.MixedPolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.ConfidenceBins;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A policy version's stored tables made executable, with what the serving path reports of it.
 *
 * @param policy the served rule (a {@link MixedPolicy} when the version mixes two); immutable, so
 *     every request may walk it at once
 * @param bins the first document's confidence bins, to report each stage's bin; may be null
 * @param stageIds the stage ids the documents were computed for, in policy order; may be empty
 * @param status {@code MET}, {@code CONSERVATIVE} or {@code FALLBACK} from the version's metrics
 */
public record PolicyPlan(CascadePolicy policy, ConfidenceBins bins, List<String> stageIds, String status) {

    public PolicyPlan {
        stageIds = List.copyOf(stageIds);
    }

    /** Reads a version's {@code tables} and {@code metrics} columns (JSON text). */
    public static PolicyPlan parse(JsonMapper json, String tablesJson, String metricsJson) {
        JsonNode tables = json.readTree(tablesJson);
        JsonNode metrics = json.readTree(metricsJson);
        PolicyDocument first = PolicyDocument.read(tables.path("first").toString());
        CascadePolicy policy = first.toPolicy();
        JsonNode second = tables.path("second");
        if (!second.isMissingNode() && !second.isNull()) {
            double p = tables.path("mixProbability").asDouble(1.0);
            policy = MixedPolicy.of(
                    p, policy, PolicyDocument.read(second.toString()).toPolicy());
        }
        ConfidenceBins bins = first.binEdges() == null ? null : new ConfidenceBins(first.binEdges());
        return new PolicyPlan(
                policy,
                bins,
                first.stageIds() == null ? List.of() : first.stageIds(),
                metrics.path("status").asString("UNKNOWN"));
    }
}
