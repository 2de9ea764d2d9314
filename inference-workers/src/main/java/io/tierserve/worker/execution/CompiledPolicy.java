package io.tierserve.worker.execution;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.ConfidenceBins;

/**
 * A stored policy ready to serve: the executable rule and the confidence bins its document carries
 * (so traces can report each stage's bin). Immutable and thread-safe; build once per policy version.
 *
 * @param bins {@code null} when the document has no bin edges
 */
public record CompiledPolicy(CascadePolicy policy, ConfidenceBins bins) {

    /**
     * @throws IllegalArgumentException when the document is invalid
     */
    public static CompiledPolicy of(PolicyDocument document) {
        return new CompiledPolicy(
                document.toPolicy(), document.binEdges() == null ? null : new ConfidenceBins(document.binEdges()));
    }

    /** A request under this policy with a time budget ({@link Long#MAX_VALUE}: none) and a coin. */
    public InferenceRequest request(String cascade, InferenceInput input, long budgetNanos, double coin) {
        return new InferenceRequest(cascade, policy, bins, input, budgetNanos, coin);
    }
}
