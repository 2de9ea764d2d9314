package io.tierserve.platform.drift;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Drift detection settings.
 *
 * @param threshold the population stability index above which a stage has drifted
 * @param minSamples the fewest live samples of a stage in the window before its PSI counts
 * @param window how far back live counts are compared, and how long one drift event of a
 *     (policy version, stage) stands before the same drift is recorded again
 * @param epsilon the proportion an empty bin is given in the PSI (so its logarithm is finite)
 * @param psiBins at most this many PSI bins per stage: adjacent confidence bins of the policy
 *     (quantile bins, 32 for the demo) are merged, so that sampling noise, about {@code (bins − 1) / n},
 *     stays well under the threshold at the minimum count
 * @param flushInterval how often this instance adds its in-memory counts to the database
 * @param checkInterval how often every cascade with live traffic is checked
 * @param retention how long per-minute live counts are kept (the scheduled check deletes older
 *     ones; at full traffic a version writes up to stages × bins rows a minute)
 */
@ConfigurationProperties("tierserve.drift")
record DriftProperties(
        @DefaultValue("0.2") double threshold,
        @DefaultValue("500") long minSamples,
        @DefaultValue("1h") Duration window,
        @DefaultValue("0.0001") double epsilon,
        @DefaultValue("10") int psiBins,
        @DefaultValue("10s") Duration flushInterval,
        @DefaultValue("5m") Duration checkInterval,
        @DefaultValue("7d") Duration retention) {

    DriftProperties {
        if (!(threshold > 0) || minSamples < 1 || !(epsilon > 0 && epsilon < 0.01) || psiBins < 2) {
            throw new IllegalArgumentException("tierserve.drift: threshold must be > 0, min-samples >= 1, epsilon in"
                    + " (0, 0.01) and psi-bins >= 2");
        }
        if (window.isNegative() || window.isZero() || retention.compareTo(window) < 0) {
            throw new IllegalArgumentException(
                    "tierserve.drift.window must be positive and tierserve.drift.retention at least as long");
        }
    }
}
