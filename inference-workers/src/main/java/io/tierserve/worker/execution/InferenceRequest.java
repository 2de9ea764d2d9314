package io.tierserve.worker.execution;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.model.ConfidenceBins;

/**
 * One request to {@link InferenceEngine#execute(InferenceRequest)}.
 *
 * @param bins the policy's confidence bins, only to report each stage's bin in the trace (nullable)
 * @param budgetNanos time allowed from the call to the answer; {@link Long#MAX_VALUE} for no deadline
 * @param coin a uniform draw in [0, 1) for randomised policy mixtures
 */
public record InferenceRequest(
        String cascade,
        CascadePolicy policy,
        ConfidenceBins bins,
        InferenceInput input,
        long budgetNanos,
        double coin) {

    public InferenceRequest {
        if (budgetNanos <= 0) {
            throw new IllegalArgumentException("the time budget must be positive");
        }
        if (!(coin >= 0 && coin < 1)) {
            throw new IllegalArgumentException("the coin must be in [0, 1)");
        }
    }
}
