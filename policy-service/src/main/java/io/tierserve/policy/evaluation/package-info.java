/**
 * Exact replay of serving rules on profiled samples (ALGORITHMS.md §7).
 *
 * <p>Accuracy, latency percentiles, answer shares and recall rate, with confidence bounds.
 */
package io.tierserve.policy.evaluation;
