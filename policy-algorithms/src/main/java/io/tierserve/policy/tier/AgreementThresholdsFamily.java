package io.tierserve.policy.tier;

import io.tierserve.policy.profile.Profile;

/**
 * Per-stage confidence thresholds that also see the previous stage's answer: every stage after the
 * first has one threshold for when its prediction agrees with its parent's and one for when it
 * does not ({@link ThresholdSearch} with agreement).
 *
 * <p>On early-exit networks whose exits share errors, a disagreement between exits says more about
 * an answer than its confidence does (docs/benchmarks.md); this rule uses it without any model.
 * Served as a {@code no-recall} document whose split stages record agreement ({@code formatVersion}
 * 2). A line only.
 */
final class AgreementThresholdsFamily implements TradeOffFamily {

    @Override
    public String name() {
        return "AGREEMENT_THRESHOLDS";
    }

    @Override
    public String description() {
        return "per-stage thresholds by agreement";
    }

    @Override
    public boolean appliesTo(Profile profile, TierSettings settings) {
        return SingleStageFallback.appliesTo(profile);
    }

    @Override
    public CandidatePool.Rules rules() {
        return (training, mu) -> ThresholdDocuments.of(
                training.thresholds().fit(mu, true),
                training.thresholds(),
                training.estimated().p99Nanos());
    }

    @Override
    public String toString() {
        return name();
    }
}
