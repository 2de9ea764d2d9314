package io.tierserve.platform.drift;

import io.tierserve.platform.config.PageResponse;
import java.time.Instant;
import java.util.List;

/**
 * A cascade's drift now: per stage of each active policy version the PSI over the window, the
 * events a check just recorded, and a page of recorded events (newest first).
 *
 * @param recorded the events this call recorded (only {@code POST .../drift/check} records)
 */
public record DriftReport(
        String cascade,
        double threshold,
        long minSamples,
        Instant windowStart,
        Instant windowEnd,
        List<StageDrift> stages,
        List<DriftEventResponse> recorded,
        PageResponse<DriftEventResponse> events) {}
