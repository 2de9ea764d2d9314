package io.tierserve.platform.worker;

import java.time.Instant;
import java.util.List;

/**
 * One worker as {@code GET /api/workers} lists it.
 *
 * @param url null for the in-process worker
 * @param status {@code UP} or {@code DOWN}
 * @param lastHeartbeat null for the in-process worker
 * @param cascades the model keys it holds
 * @param inFlight this platform instance's requests it runs now
 */
record WorkerView(
        String id,
        String deviceClass,
        String url,
        String status,
        Instant lastHeartbeat,
        List<String> cascades,
        int inFlight) {}
