package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.Metrics;
import java.util.function.ToDoubleFunction;

/**
 * A tier's promise as the search sees it.
 *
 * <p>The fit-half quantity it constrains, which side is feasible, and the held-out bound that must
 * keep the promise.
 */
record Constraint(
        String quantityName,
        ToDoubleFunction<Candidate> quantity,
        boolean atLeast,
        ToDoubleFunction<Metrics> point,
        ToDoubleFunction<Metrics> bound) {

    static final Constraint ACCURACY =
            new Constraint("accuracy", Candidate::accuracy, true, Metrics::accuracy, Metrics::accuracyLow);

    static final Constraint LATENCY = new Constraint(
            "mean latency (ms)", Candidate::latency, false, Metrics::meanLatencyMs, Metrics::meanLatencyHighMs);

    /** Whether {@code value} keeps the promise {@code promise}. */
    boolean keeps(double value, double promise) {
        return atLeast ? value >= promise : value <= promise;
    }

    /** The promise tightened by {@code margin} (towards the safe side). */
    double tightened(double promise, double margin) {
        return atLeast ? Math.min(1.0, promise + margin) : promise - margin;
    }
}
