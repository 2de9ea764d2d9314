package io.tierserve.policy.evaluation;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes {@link Metrics} into a JSON object; NaN becomes {@code null} so the output stays valid JSON. */
public final class MetricsJson {

    private MetricsJson() {}

    public static void put(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    /** {@code gap}, {@code gapHigh} (the bound a tolerance is checked against) and {@code samples}. */
    public static void write(AccuracyGap g, ObjectNode node) {
        put(node, "gap", g.gap());
        put(node, "gapHigh", g.gapHigh());
        node.put("samples", g.samples());
    }

    public static void write(Metrics m, ObjectNode node) {
        node.put("samples", m.samples());
        put(node, "accuracy", m.accuracy());
        put(node, "accuracyLow", m.accuracyLow());
        put(node, "accuracyHigh", m.accuracyHigh());
        put(node, "meanLatencyMs", m.meanLatencyMs());
        put(node, "meanLatencyLowMs", m.meanLatencyLowMs());
        put(node, "meanLatencyHighMs", m.meanLatencyHighMs());
        put(node, "p50LatencyMs", m.p50LatencyMs());
        put(node, "p95LatencyMs", m.p95LatencyMs());
        put(node, "p99LatencyMs", m.p99LatencyMs());
        ArrayNode shares = node.putArray("answerShare");
        for (double s : m.answerShare()) {
            shares.add(s);
        }
        put(node, "recallRate", m.recallRate());
        put(node, "meanStagesRun", m.meanStagesRun());
    }
}
