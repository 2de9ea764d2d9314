/**
 * Baseline serving rules without recall (ALGORITHMS.md §5): single stage, confidence threshold and
 * patience, each along one root-to-leaf path of the cascade.
 */
package io.tierserve.policy.baseline;
