/**
 * Exact replay of serving rules on profiled samples (docs/algorithms.md#replay-and-evaluation).
 *
 * <p>Accuracy, latency percentiles, answer shares and recall rate, with confidence bounds.
 */
package io.tierserve.policy.evaluation;
