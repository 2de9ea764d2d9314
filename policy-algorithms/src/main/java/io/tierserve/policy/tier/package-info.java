/**
 * Tier resolution (docs/algorithms.md#tiers): the cheapest portfolio rule that keeps a tier's
 * promise.
 *
 * <p>Planned on the fit half by cross-fitted replay, confirmed on held-out data with confidence
 * bounds; {@link io.tierserve.policy.tier.PromiseCoverage} measures how often that holds on fresh data.
 */
package io.tierserve.policy.tier;
