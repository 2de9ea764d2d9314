/**
 * The held-out accuracy–latency frontier of every strategy for one profile.
 *
 * <p>Recall-optimal, optimal no-recall, threshold, patience, single stage and oracle.
 */
package io.tierserve.policy.frontier;
