/**
 * Tier resolution (ALGORITHMS.md §6): finds the recall-optimal policy, or the exact randomised mix
 * of two, that keeps a tier's promise, and confirms it on held-out data with confidence bounds.
 */
package io.tierserve.policy.tier;
