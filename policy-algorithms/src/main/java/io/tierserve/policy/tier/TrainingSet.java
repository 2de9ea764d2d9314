package io.tierserve.policy.tier;

import io.tierserve.policy.estimation.CascadeEstimator;
import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.estimation.SkipEstimator;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.SkipCascade;
import io.tierserve.policy.profile.Profile;
import java.util.HashMap;
import java.util.Map;

/**
 * The samples a family fits its rules on (the whole fit half, or all folds but one), with what the
 * families derive from them computed once and shared.
 */
final class TrainingSet {

    private final Profile samples;
    private final TierSettings settings;
    private EstimatedCascade estimated;
    private SkipCascade skips;
    private EstimatedCascade skipLine;
    private ThresholdSearch thresholds;
    private final Map<Key, Fitted> fitted = new HashMap<>();

    private record Key(PolicyFamily family, double mu) {}

    /** A rule fitted on these samples, in its served and its executable form. */
    record Fitted(PolicyDocument document, CascadePolicy policy) {}

    TrainingSet(Profile samples, TierSettings settings) {
        this.samples = samples;
        this.settings = settings;
    }

    /** {@code family}'s rule for {@code mu} on these samples, fitted once. */
    Fitted fitted(PolicyFamily family, double mu, CandidatePool.Rules rules) {
        Key key = new Key(family, mu);
        Fitted f = fitted.get(key);
        if (f == null) {
            PolicyDocument document = rules.fit(this, mu);
            f = new Fitted(document, document.toPolicy());
            fitted.put(key, f);
        }
        return f;
    }

    Profile samples() {
        return samples;
    }

    /**
     * The Markov model of docs/algorithms.md#from-a-profile-to-the-model (with the configured bins
     * and states).
     */
    EstimatedCascade estimated() {
        if (estimated == null) {
            estimated = CascadeEstimator.estimate(samples, settings.estimation());
        }
        return estimated;
    }

    /** Every skip edge of the line, estimated on the same samples with per-stage confidence states. */
    SkipCascade skips() {
        if (skips == null) {
            skips = SkipEstimator.estimate(samples, skipLine(), settings.estimation());
        }
        return skips;
    }

    /** The line the skip model is built on: per-stage confidence states (skip tables take no agreement). */
    EstimatedCascade skipLine() {
        if (skipLine == null) {
            skipLine = settings.estimation().agreement()
                    ? CascadeEstimator.estimate(samples, settings.estimation().withAgreement(false))
                    : estimated();
        }
        return skipLine;
    }

    /** The per-stage threshold search over these samples (stage latencies from the estimated model). */
    ThresholdSearch thresholds() {
        if (thresholds == null) {
            double[] cost = new double[samples.stageCount()];
            for (int v = 0; v < cost.length; v++) {
                cost[v] = estimated().model().cost(v);
            }
            thresholds = ThresholdSearch.of(samples, cost);
        }
        return thresholds;
    }
}
