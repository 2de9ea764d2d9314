package io.tierserve.policy.frontier;

import java.util.List;

/**
 * The frontier of one profile.
 *
 * @param cascade the profile's cascade name
 * @param deviceClass the device class whose latencies were charged
 * @param fitSamples samples the model was estimated on
 * @param heldOutSamples samples every row was measured on
 * @param fullCascadeLatencyMs mean held-out latency of running every stage of the path
 * @param rows one per evaluated policy
 */
public record FrontierReport(
        String cascade,
        String deviceClass,
        int fitSamples,
        int heldOutSamples,
        double fullCascadeLatencyMs,
        List<FrontierRow> rows) {

    public FrontierReport {
        rows = List.copyOf(rows);
    }

    /** The rows of one strategy, in sweep order. */
    public List<FrontierRow> rows(String strategy) {
        return rows.stream().filter(r -> r.strategy().equals(strategy)).toList();
    }
}
