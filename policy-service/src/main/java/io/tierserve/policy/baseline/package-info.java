/**
 * Baseline serving rules without recall (ALGORITHMS.md §5), along one root-to-leaf path.
 *
 * <p>Single stage, confidence threshold and patience.
 */
package io.tierserve.policy.baseline;
