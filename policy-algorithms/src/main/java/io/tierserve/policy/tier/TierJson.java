package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.MetricsJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads tier specs and writes resolutions as JSON.
 *
 * <p>Specs: an array of {@code {"name": "...", "accuracyTolerance": ε | "latencyBudgetMs": L | "mu":
 * μ, "deadlineMs": d (optional)}}, exactly one of the three promises per tier.
 */
public final class TierJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TierJson() {}

    public static List<TierSpec> readSpecs(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("tiers are not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IllegalArgumentException("tiers must be a non-empty JSON array");
        }
        List<TierSpec> specs = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode t = root.get(i);
            String where = "tiers[" + i + "]";
            if (!t.isObject() || t.get("name") == null || !t.get("name").isString()) {
                throw new IllegalArgumentException(where + " must be an object with a string \"name\"");
            }
            TierSpec.Kind kind = null;
            double value = 0;
            int promises = 0;
            for (TierSpec.Kind k : TierSpec.Kind.values()) {
                JsonNode v = t.get(field(k));
                if (v != null && !v.isNull()) {
                    if (!v.isNumber()) {
                        throw new IllegalArgumentException(where + "." + field(k) + " must be a number");
                    }
                    kind = k;
                    value = v.doubleValue();
                    promises++;
                }
            }
            if (promises != 1) {
                throw new IllegalArgumentException(
                        where + " must have exactly one of \"accuracyTolerance\", \"latencyBudgetMs\", \"mu\"");
            }
            JsonNode d = t.get("deadlineMs");
            if (d != null && !d.isNull() && !d.isNumber()) {
                throw new IllegalArgumentException(where + ".deadlineMs must be a number");
            }
            specs.add(new TierSpec(
                    t.get("name").stringValue(), kind, value, d == null || d.isNull() ? null : d.doubleValue()));
        }
        return specs;
    }

    private static void summary(FamilyPlan p, ObjectNode f) {
        TierResolution r = p.plan();
        f.put("plannedBy", p.plannedBy().name());
        f.put("served", p.served());
        f.put("status", r.status().name());
        f.put("family", r.family().name());
        f.put("firstFamily", r.firstFamily().name());
        if (r.secondFamily() != null) {
            f.put("secondFamily", r.secondFamily().name());
        }
        MetricsJson.put(f, "mixProbability", r.mixProbability());
        MetricsJson.put(f, "fitAccuracy", r.fit().accuracy());
        MetricsJson.put(f, "fitMeanLatencyMs", r.fit().meanLatencyMs());
        MetricsJson.put(f, "heldOutAccuracy", r.heldOut().accuracy());
        MetricsJson.put(f, "heldOutMeanLatencyMs", r.heldOut().meanLatencyMs());
        MetricsJson.put(f, "heldOutMeanLatencyHighMs", r.heldOut().meanLatencyHighMs());
        if (r.heldOutGap() != null) {
            MetricsJson.put(f, "gap", r.heldOutGap().gap());
            MetricsJson.put(f, "gapHigh", r.heldOutGap().gapHigh());
        }
    }

    static String field(TierSpec.Kind kind) {
        return switch (kind) {
            case ACCURACY_TOLERANCE -> "accuracyTolerance";
            case LATENCY_BUDGET -> "latencyBudgetMs";
            case EXPLICIT_MU -> "mu";
        };
    }

    /**
     * Per tier: the served plan (status, family, reason, promise, documents, metrics) and under
     * {@code families} every family's best plan in a short form.
     */
    public static String write(List<TierResolution> resolutions) {
        ArrayNode root = MAPPER.createArrayNode();
        for (TierResolution r : resolutions) {
            ObjectNode t = root.addObject();
            t.put("name", r.spec().name());
            t.put(field(r.spec().kind()), r.spec().value());
            if (r.spec().deadlineMs() != null) {
                t.put("deadlineMs", r.spec().deadlineMs());
            }
            t.put("status", r.status().name());
            t.put("family", r.family().name());
            t.put("firstFamily", r.firstFamily().name());
            if (r.secondFamily() != null) {
                t.put("secondFamily", r.secondFamily().name());
            }
            t.put("reason", r.reason());
            MetricsJson.put(t, "promise", r.promise());
            MetricsJson.put(t, "aim", r.aim());
            MetricsJson.put(t, "mixProbability", r.mixProbability());
            MetricsJson.put(t, "firstMu", r.firstMu());
            MetricsJson.put(t, "secondMu", r.secondMu());
            if (r.first() != null) {
                t.set("first", MAPPER.valueToTree(r.first()));
            }
            if (r.second() != null) {
                t.set("second", MAPPER.valueToTree(r.second()));
            }
            MetricsJson.write(r.fit(), t.putObject("fit"));
            MetricsJson.write(r.heldOut(), t.putObject("heldOut"));
            if (r.heldOutGap() != null) {
                MetricsJson.write(r.heldOutGap(), t.putObject("heldOutGap"));
            }
            MetricsJson.put(t, "predictedError", r.predictedError());
            MetricsJson.put(t, "heldOutError", 1 - r.heldOut().accuracy());
            if (!r.alternatives().isEmpty()) {
                ArrayNode families = t.putArray("families");
                for (FamilyPlan p : r.alternatives()) {
                    summary(p, families.addObject());
                }
            }
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
