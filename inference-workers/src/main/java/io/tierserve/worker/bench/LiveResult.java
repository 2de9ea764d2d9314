package io.tierserve.worker.bench;

/**
 * A policy executed live through the engine, one request at a time.
 *
 * @param overheadRatio time outside stage models (decoding, validation, policy walk, recall
 *     bookkeeping, session pool) divided by time inside them, summed over requests
 * @param medianOverheadUs the median per-request time outside stage models, in microseconds (robust
 *     to the scheduler pauses a shared machine adds to the mean)
 */
record LiveResult(
        int samples,
        double accuracy,
        double meanMs,
        double p99Ms,
        double modelMeanMs,
        double overheadRatio,
        double medianOverheadUs,
        double recallRate) {}
