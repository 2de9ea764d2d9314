package io.tierserve.platform.worker;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** A worker as one platform instance sees it: whether it is up, and how many of this instance's requests it runs now. */
final class Member {

    final Worker worker;
    final AtomicInteger inFlight = new AtomicInteger();
    // a remote worker's registration, refreshed from the database; always up for the in-process worker
    volatile boolean up = true;
    volatile Instant lastHeartbeat;
    // set when a call to it failed: skipped until a heartbeat newer than the failure arrives
    volatile Instant failedAt;

    Member(Worker worker) {
        this.worker = worker;
    }

    boolean selectable() {
        if (worker instanceof LocalWorker) {
            // nothing between it and the platform can fail; its failures are the request's own
            return true;
        }
        Instant failed = failedAt;
        return up && (failed == null || (lastHeartbeat != null && lastHeartbeat.isAfter(failed)));
    }
}
