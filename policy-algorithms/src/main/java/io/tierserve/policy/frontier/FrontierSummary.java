package io.tierserve.policy.frontier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recall-optimal against every baseline at equal accuracy, as a Markdown table.
 *
 * <p>For each efficient point of a baseline (on its lower convex hull), the latency recall-optimal
 * needs for the same held-out accuracy, both as a ratio to the full cascade; with skip rows in the
 * report, the same for the recall-optimal policy with skip edges in two more columns.
 */
public final class FrontierSummary {

    private static final int MAX_ROWS_PER_STRATEGY = 8;

    private FrontierSummary() {}

    public static String markdown(FrontierReport report) {
        List<FrontierRow> recall = report.rows(FrontierBuilder.RECALL);
        List<FrontierRow> skips = report.rows(FrontierBuilder.RECALL_SKIPS);
        boolean withSkips = !skips.isEmpty();
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "cascade `%s`, device `%s`, %d fit / %d held-out samples, full cascade %.4g ms%n%n",
                report.cascade(),
                report.deviceClass(),
                report.fitSamples(),
                report.heldOutSamples(),
                report.fullCascadeLatencyMs()));
        out.append("| baseline | parameter | accuracy | baseline latency / full | recall-optimal latency / full"
                + " | recall-optimal lower by |"
                + (withSkips ? " with skips latency / full | with skips lower by |" : "")
                + "\n");
        out.append("| --- | --- | --- | --- | --- | --- |" + (withSkips ? " --- | --- |" : "") + "\n");
        for (String strategy : List.of(
                FrontierBuilder.SINGLE_STAGE,
                FrontierBuilder.THRESHOLD,
                FrontierBuilder.PATIENCE,
                FrontierBuilder.NO_RECALL,
                FrontierBuilder.ORACLE)) {
            for (FrontierRow b : efficient(report.rows(strategy), strategy)) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.4f | %.3f | %s%s%n",
                        strategy,
                        b.parameter().isEmpty() ? "–" : b.parameter(),
                        b.accuracy(),
                        b.latencyRatio(),
                        against(recall, b, report),
                        withSkips ? " " + against(skips, b, report) : ""));
            }
        }
        return out.toString();
    }

    /** "ratio to full | lower by |" of {@code rows}' hull at {@code b}'s accuracy. */
    private static String against(List<FrontierRow> rows, FrontierRow b, FrontierReport report) {
        double r = FrontierComparison.latencyAtAccuracy(rows, b.accuracy());
        String ratio =
                Double.isNaN(r) ? "not reached" : String.format(Locale.ROOT, "%.3f", r / report.fullCascadeLatencyMs());
        String lower = Double.isNaN(r) || b.meanLatencyMs() == 0
                ? "–"
                : String.format(Locale.ROOT, "%.0f %%", 100 * (1 - r / b.meanLatencyMs()));
        return ratio + " | " + lower + " |";
    }

    /** Single stages, patience and the oracle in full; swept strategies by their hull, thinned evenly. */
    private static List<FrontierRow> efficient(List<FrontierRow> rows, String strategy) {
        if (!strategy.equals(FrontierBuilder.THRESHOLD) && !strategy.equals(FrontierBuilder.NO_RECALL)) {
            return rows;
        }
        List<FrontierRow> hull = FrontierComparison.lowerHull(rows);
        if (hull.size() <= MAX_ROWS_PER_STRATEGY) {
            return hull;
        }
        List<FrontierRow> thinned = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS_PER_STRATEGY; i++) {
            thinned.add(hull.get(i * (hull.size() - 1) / (MAX_ROWS_PER_STRATEGY - 1)));
        }
        return thinned;
    }
}
