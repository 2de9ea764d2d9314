/**
 * Tier resolution (ALGORITHMS.md §6): the recall-optimal policy or mix that keeps a tier's promise.
 *
 * <p>Planned on the fit half, confirmed on held-out data with confidence bounds.
 */
package io.tierserve.policy.tier;
