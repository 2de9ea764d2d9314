package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.MetricsJson;
import io.tierserve.policy.frontier.FrontierBuilder;
import io.tierserve.policy.frontier.FrontierReport;
import io.tierserve.policy.frontier.FrontierRow;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The held-out frontier a recomputation stores with its policy versions, as JSON: every policy
 * family the planner considered ({@link TierPlanning#families()}) and the baselines of the same
 * held-out half ({@link FrontierBuilder}: thresholds, patience, each single stage, the oracle).
 *
 * <pre>{@code
 * {"deviceClass", "fitSamples", "heldOutSamples", "fullCascadeLatencyMs",
 *  "families": [{"family", "description", "points": [{"mu", "accuracy", "accuracyLow", "accuracyHigh",
 *                 "meanLatencyMs", "meanLatencyLowMs", "meanLatencyHighMs", "fitAccuracy", "fitMeanLatencyMs"}]}],
 *  "baselines": [{"strategy", "parameter", "accuracy", "accuracyLow", "accuracyHigh", "meanLatencyMs"}]}
 * }</pre>
 */
public final class FrontierJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** {@link FrontierBuilder}'s strategies that are policy families of the planner, not baselines. */
    private static final Set<String> FAMILIES =
            Set.of(FrontierBuilder.RECALL, FrontierBuilder.RECALL_SKIPS, FrontierBuilder.NO_RECALL);

    private FrontierJson() {}

    /**
     * @param planning the families' frontiers
     * @param baselines the report of {@link FrontierBuilder} on the same profile, device class and seed
     */
    public static ObjectNode write(TierPlanning planning, FrontierReport baselines) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("deviceClass", baselines.deviceClass());
        root.put("fitSamples", planning.fitSamples());
        root.put("heldOutSamples", planning.heldOutSamples());
        MetricsJson.put(root, "fullCascadeLatencyMs", baselines.fullCascadeLatencyMs());
        ArrayNode families = root.putArray("families");
        for (FamilyFrontier f : planning.families()) {
            ObjectNode family = families.addObject();
            family.put("family", f.family());
            family.put("description", f.description());
            ArrayNode points = family.putArray("points");
            for (FamilyFrontier.Point p : f.points()) {
                ObjectNode point = points.addObject();
                MetricsJson.put(point, "mu", p.mu());
                Metrics h = p.heldOut();
                MetricsJson.put(point, "accuracy", h.accuracy());
                MetricsJson.put(point, "accuracyLow", h.accuracyLow());
                MetricsJson.put(point, "accuracyHigh", h.accuracyHigh());
                MetricsJson.put(point, "meanLatencyMs", h.meanLatencyMs());
                MetricsJson.put(point, "meanLatencyLowMs", h.meanLatencyLowMs());
                MetricsJson.put(point, "meanLatencyHighMs", h.meanLatencyHighMs());
                MetricsJson.put(point, "fitAccuracy", p.fit().accuracy());
                MetricsJson.put(point, "fitMeanLatencyMs", p.fit().meanLatencyMs());
            }
        }
        ArrayNode rows = root.putArray("baselines");
        for (FrontierRow r : baselines.rows()) {
            if (FAMILIES.contains(r.strategy())) {
                continue;
            }
            ObjectNode row = rows.addObject();
            row.put("strategy", r.strategy());
            row.put("parameter", r.parameter());
            MetricsJson.put(row, "accuracy", r.accuracy());
            MetricsJson.put(row, "accuracyLow", r.accuracyLow());
            MetricsJson.put(row, "accuracyHigh", r.accuracyHigh());
            MetricsJson.put(row, "meanLatencyMs", r.meanLatencyMs());
        }
        return root;
    }
}
