package io.tierserve.policy.tier;

import io.tierserve.policy.profile.Profile;

/**
 * One confidence threshold per stage, searched on the samples for each μ ({@link ThresholdSearch}):
 * stop at the first stage whose confidence exceeds its threshold and answer with it, else run on.
 *
 * <p>No model: the rule is fitted on the samples' own errors and latencies, so it cannot be misled
 * by a Markov model that fits badly (on early-exit networks whose exits share errors it is the rule
 * to beat, docs/benchmarks.md). Served as a {@code no-recall} document with one bin edge per stage
 * ({@link ThresholdDocuments}), which every executor already runs. A line only.
 */
final class StageThresholdsFamily implements TradeOffFamily {

    @Override
    public String name() {
        return "STAGE_THRESHOLDS";
    }

    @Override
    public String description() {
        return "per-stage thresholds";
    }

    @Override
    public boolean appliesTo(Profile profile, TierSettings settings) {
        return SingleStageFallback.appliesTo(profile);
    }

    @Override
    public CandidatePool.Rules rules() {
        return (training, mu) -> ThresholdDocuments.of(
                training.thresholds().fit(mu, false),
                training.thresholds(),
                training.estimated().p99Nanos());
    }

    @Override
    public String toString() {
        return name();
    }
}
