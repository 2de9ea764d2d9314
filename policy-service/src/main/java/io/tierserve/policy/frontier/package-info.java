/**
 * The held-out accuracy–latency frontier of every strategy (recall-optimal, optimal no-recall,
 * threshold, patience, single stage, oracle) for one profile.
 */
package io.tierserve.policy.frontier;
