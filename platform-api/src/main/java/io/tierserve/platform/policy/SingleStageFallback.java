package io.tierserve.platform.policy;

import io.tierserve.platform.tier.ObjectiveKind;
import io.tierserve.platform.tier.TierDefinition;
import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.solver.Solvers;
import java.util.Arrays;
import java.util.List;

/**
 * The rule served when no recall policy keeps a tier's promise: run the line up to one stage and
 * answer with that stage (a no-recall document whose {@code proceed} table ignores the states).
 *
 * <p>Chosen on the fit half, like the recall policies, so the held-out half stays a check: for an
 * accuracy tier the cheapest stage whose fit accuracy reaches the promise — the most accurate
 * stage always does, since the promise is its accuracy minus ε — and for a latency tier the most
 * accurate stage whose fit mean latency stays within the budget, else the fastest.
 */
final class SingleStageFallback {

    /**
     * @param stage the index of the answering stage
     * @param promise the promise as the tier resolution states it (accuracy floor or latency ceiling)
     */
    record Choice(
            int stage, PolicyDocument document, double promise, Metrics fit, Metrics heldOut, boolean boundKeeps) {}

    private SingleStageFallback() {}

    static Choice choose(
            TierDefinition tier,
            EstimatedCascade estimated,
            List<String> stageIds,
            int[] parents,
            ReplayEvaluator fit,
            ReplayEvaluator heldOut,
            long deadlineNanos) {
        for (int v = 0; v < parents.length; v++) {
            if (parents[v] != v - 1) {
                throw new IllegalStateException("a single-stage fallback needs a line cascade; stage " + stageIds.get(v)
                        + " does not follow " + (v == 0 ? "nothing" : stageIds.get(v - 1)));
            }
        }
        int n = parents.length;
        PolicyDocument[] documents = new PolicyDocument[n];
        Metrics[] fitMetrics = new Metrics[n];
        for (int v = 0; v < n; v++) {
            documents[v] = upTo(v, estimated, stageIds);
            fitMetrics[v] = fit.evaluate(documents[v].toPolicy(), deadlineNanos);
        }
        int chosen;
        double promise;
        if (tier.objective() == ObjectiveKind.ACCURACY_TOLERANCE) {
            double best = 0;
            for (Metrics m : fitMetrics) {
                best = Math.max(best, m.accuracy());
            }
            promise = best - tier.accuracyTolerance();
            chosen = n - 1;
            for (int v = n - 1; v >= 0; v--) {
                if (fitMetrics[v].accuracy() >= promise) {
                    chosen = v;
                }
            }
        } else {
            promise = tier.latencyBudgetMs();
            chosen = 0;
            for (int v = 0; v < n; v++) {
                if (fitMetrics[v].meanLatencyMs() <= promise
                        && fitMetrics[v].accuracy() > fitMetrics[chosen].accuracy()) {
                    chosen = v;
                }
            }
        }
        Metrics held = heldOut.evaluate(documents[chosen].toPolicy(), deadlineNanos);
        boolean keeps = tier.objective() == ObjectiveKind.ACCURACY_TOLERANCE
                ? held.accuracyLow() >= promise
                : held.meanLatencyHighMs() <= promise;
        return new Choice(chosen, documents[chosen], promise, fitMetrics[chosen], held, keeps);
    }

    // The estimated model supplies the common fields (grid, losses, bins, p99s); only the proceed
    // table is ours, and the solver's prediction is dropped since it describes another rule.
    private static PolicyDocument upTo(int stage, EstimatedCascade estimated, List<String> stageIds) {
        PolicyDocument base =
                Solvers.noRecall(estimated.model(), 1.0).toDocument(estimated.bins(), estimated.p99Nanos());
        boolean[][] proceed = new boolean[base.losses().length][];
        for (int i = 0; i < proceed.length; i++) {
            proceed[i] = new boolean[base.losses()[i].length];
            Arrays.fill(proceed[i], i < stage);
        }
        return new PolicyDocument(
                PolicyDocument.FORMAT_VERSION,
                PolicyDocument.NO_RECALL,
                List.copyOf(stageIds),
                base.parents(),
                base.grid(),
                base.losses(),
                base.binEdges(),
                null,
                base.p99Nanos(),
                null,
                null,
                null,
                null,
                proceed,
                null);
    }
}
