/**
 * Estimation of the Markov cascade model (bins, calibrated bin losses, grid, transitions, costs)
 * from a profile's fit half (docs/algorithms.md#from-a-profile-to-the-model).
 */
package io.tierserve.policy.estimation;
