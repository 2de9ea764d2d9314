package io.tierserve.policy.estimation;

import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.MarkovCascade;

/**
 * The model estimated from a profile, with what serving needs beside it.
 *
 * @param model the Markov cascade (costs in milliseconds of p50 latency)
 * @param bins confidence to state, per stage
 * @param p99Nanos per stage, the p99 latency that deadline checks use
 * @param deviceClass the device class whose latencies were used
 */
public record EstimatedCascade(MarkovCascade model, ConfidenceBins bins, long[] p99Nanos, String deviceClass) {}
