/**
 * Baseline serving rules without recall (docs/algorithms.md#without-recall), along one root-to-leaf
 * path.
 *
 * <p>Single stage, confidence threshold and patience.
 */
package io.tierserve.policy.baseline;
