/** Estimation of the Markov cascade model (bins, calibrated bin losses, grid, transitions, costs) from a profile's fit half (ALGORITHMS.md §2). */
package io.tierserve.policy.estimation;
