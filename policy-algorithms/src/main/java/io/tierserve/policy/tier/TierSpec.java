package io.tierserve.policy.tier;

/**
 * One tier's promise.
 *
 * @param name tier name
 * @param kind what the tier promises
 * @param value ε (accuracy points below the most accurate single stage), L (mean latency budget
 *     in ms) or μ, by kind
 * @param deadlineMs optional per-request deadline in ms ({@code null}: none)
 */
public record TierSpec(String name, Kind kind, double value, Double deadlineMs) {

    /** What a tier promises. */
    public enum Kind {
        /** Accuracy at least the most accurate single stage's minus ε, at the least mean latency. */
        ACCURACY_TOLERANCE,
        /** Mean latency at most L ms, at the highest accuracy. */
        LATENCY_BUDGET,
        /** A fixed trade-off weight μ; promises nothing beyond optimality for it. */
        EXPLICIT_MU
    }

    public TierSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tier needs a name");
        }
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("tier '" + name + "': value must be finite and >= 0, was " + value);
        }
        if (kind == Kind.ACCURACY_TOLERANCE && value > 1) {
            throw new IllegalArgumentException("tier '" + name + "': accuracy tolerance must be in [0, 1]");
        }
        if (deadlineMs != null && !(deadlineMs > 0 && Double.isFinite(deadlineMs))) {
            throw new IllegalArgumentException("tier '" + name + "': deadlineMs must be > 0");
        }
    }
}
