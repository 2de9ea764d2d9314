package io.tierserve.policy.service;

import java.util.UUID;

/**
 * One policy version a job computed, ready to store.
 *
 * @param recall whether the version serves a recall policy ({@code false}: a single-stage fallback)
 * @param tablesJson {@code {"mixProbability": p, "first": policy document, "second": policy document}}
 *     ({@code second} only for a mix); serve {@code MixedPolicy.of(p, first, second)}
 * @param metricsJson status, reason, promise, fit and held-out metrics with bounds, predicted error,
 *     and the device class's held-out frontier with every baseline
 */
record ComputedVersion(
        UUID tierId,
        String tierName,
        String deviceClass,
        boolean recall,
        String tablesJson,
        String metricsJson,
        double mu,
        double expectedAccuracy,
        double expectedCostMs) {}
