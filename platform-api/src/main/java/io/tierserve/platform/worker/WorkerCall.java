package io.tierserve.platform.worker;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.worker.execution.InferenceInput;
import java.util.UUID;

/**
 * One request for a worker. A remote worker runs the policy version by its id (it fetches and caches
 * the version's tables); the in-process worker runs {@code policy} directly.
 *
 * @param bins the version's confidence bins (the in-process worker's traces); may be null
 * @param budgetNanos time left for the answer; {@link Long#MAX_VALUE} for no deadline
 * @param coin a uniform draw in [0, 1) for mixed policies
 * @param fullRun whether to also run every stage once the answer is made (a live-profile sample)
 * @param priority the tier's priority, 0 (lowest) to 9: who goes first when the worker is saturated
 */
public record WorkerCall(
        ModelRef model,
        UUID versionId,
        CascadePolicy policy,
        ConfidenceBins bins,
        InferenceInput input,
        long budgetNanos,
        double coin,
        boolean fullRun,
        int priority) {

    /** The same call with less time left. */
    WorkerCall withBudget(long nanos) {
        return new WorkerCall(model, versionId, policy, bins, input, nanos, coin, fullRun, priority);
    }
}
