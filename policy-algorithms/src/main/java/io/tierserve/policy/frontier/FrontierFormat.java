package io.tierserve.policy.frontier;

import io.tierserve.policy.evaluation.MetricsJson;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a {@link FrontierReport} as CSV (one row per policy) or JSON (the report with its rows). */
public final class FrontierFormat {

    static final String CSV_HEADER = "strategy,parameter,accuracy,accuracyLow,accuracyHigh,meanLatencyMs,"
            + "p99LatencyMs,latencyRatio,recallRate,predictedObjective,replayedObjective";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private FrontierFormat() {}

    public static String csv(FrontierReport report) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (FrontierRow r : report.rows()) {
            out.append(r.strategy())
                    .append(',')
                    .append(r.parameter())
                    .append(',')
                    .append(number(r.accuracy()))
                    .append(',')
                    .append(number(r.accuracyLow()))
                    .append(',')
                    .append(number(r.accuracyHigh()))
                    .append(',')
                    .append(number(r.meanLatencyMs()))
                    .append(',')
                    .append(number(r.p99LatencyMs()))
                    .append(',')
                    .append(number(r.latencyRatio()))
                    .append(',')
                    .append(number(r.recallRate()))
                    .append(',')
                    .append(number(r.predictedObjective()))
                    .append(',')
                    .append(number(r.replayedObjective()))
                    .append('\n');
        }
        return out.toString();
    }

    public static String json(FrontierReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("cascade", report.cascade());
        root.put("deviceClass", report.deviceClass());
        root.put("fitSamples", report.fitSamples());
        root.put("heldOutSamples", report.heldOutSamples());
        root.put("fullCascadeLatencyMs", report.fullCascadeLatencyMs());
        ArrayNode rows = root.putArray("rows");
        for (FrontierRow r : report.rows()) {
            ObjectNode row = rows.addObject();
            row.put("strategy", r.strategy());
            row.put("parameter", r.parameter());
            MetricsJson.put(row, "accuracy", r.accuracy());
            MetricsJson.put(row, "accuracyLow", r.accuracyLow());
            MetricsJson.put(row, "accuracyHigh", r.accuracyHigh());
            MetricsJson.put(row, "meanLatencyMs", r.meanLatencyMs());
            MetricsJson.put(row, "p99LatencyMs", r.p99LatencyMs());
            MetricsJson.put(row, "latencyRatio", r.latencyRatio());
            MetricsJson.put(row, "recallRate", r.recallRate());
            MetricsJson.put(row, "predictedObjective", r.predictedObjective());
            MetricsJson.put(row, "replayedObjective", r.replayedObjective());
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static String number(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "";
    }
}
