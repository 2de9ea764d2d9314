package io.tierserve.policy.tier;

import io.tierserve.policy.estimation.CascadeEstimator;
import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.evaluation.AccuracyGap;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.MetricsJson;
import io.tierserve.policy.evaluation.Outcomes;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSplit;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.solver.Solvers;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rule served when no recall policy keeps a tier's promise: run the line up to one stage and
 * answer with that stage (a no-recall document whose {@code proceed} table ignores the states).
 *
 * <p>Chosen on the fit half, like the planned policies, so the held-out half stays a check: for an
 * accuracy tier the cheapest stage whose paired bound on the fit half ({@link AccuracyGap}) is
 * within ε of the most accurate stage — that stage itself always is, so an accuracy tier's fallback
 * keeps its promise — and for a latency tier the most accurate stage whose fit mean latency stays
 * within the budget, else the fastest. Whether the held-out bound keeps the promise is reported,
 * never assumed.
 *
 * <p>The platform's demo seeding and the recomputation jobs both serve an {@link
 * TierStatus#INFEASIBLE} tier this way, so every tier of a cascade always has a version.
 */
public final class SingleStageFallback {

    /** The status a fallback version is stored with. */
    public static final String STATUS = "FALLBACK";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * The stage served for a tier, and what it achieved.
     *
     * @param stage the answering stage's id
     * @param stageIndex its index in model order
     * @param promise the promise as the tier resolution states it (accuracy floor or latency ceiling)
     * @param heldOutGap for an accuracy tier: how much less accurate than the most accurate stage
     *     (fit half) the served stage is on the same held-out samples, with its bound; else null
     * @param boundKeeps whether the held-out bound keeps the promise (accuracy: the gap's bound is at
     *     most ε; latency: the mean latency's upper bound is within the budget)
     */
    public record Choice(
            TierResolution resolution,
            String stage,
            int stageIndex,
            PolicyDocument document,
            double promise,
            Metrics fit,
            Metrics heldOut,
            AccuracyGap heldOutGap,
            boolean boundKeeps) {

        /** The resolver's reason followed by what is served instead, in words. */
        public String reason() {
            String held = resolution.spec().kind() == TierSpec.Kind.ACCURACY_TOLERANCE
                    ? String.format(
                            Locale.ROOT,
                            "held-out accuracy %.4f, %.4f below the most accurate stage on the same samples: bound"
                                    + " %.4f %s the promise of at most %.4g below it",
                            heldOut.accuracy(),
                            heldOutGap.gap(),
                            heldOutGap.gapHigh(),
                            boundKeeps ? "keeps" : "misses",
                            resolution.spec().value())
                    : String.format(
                            Locale.ROOT,
                            "held-out mean latency %.4f ms: bound %.4f %s the promise %.4g",
                            heldOut.meanLatencyMs(),
                            heldOut.meanLatencyHighMs(),
                            boundKeeps ? "keeps" : "misses",
                            promise);
            return String.format(
                    Locale.ROOT,
                    "tier resolution: %s; serving %s alone (no recall) instead: %s",
                    resolution.reason(),
                    stage,
                    held);
        }

        /** {@code {"mixProbability": 1, "first": document}}: the tables a version serves. */
        public ObjectNode tables() {
            ObjectNode tables = MAPPER.createObjectNode();
            tables.put("mixProbability", 1.0);
            tables.set("first", MAPPER.readTree(document.write()));
            return tables;
        }

        /** Status, reasons, promise, the stage's fit and held-out metrics, and the closest recall policy's. */
        public ObjectNode metrics() {
            ObjectNode metrics = MAPPER.createObjectNode();
            metrics.put("status", STATUS);
            metrics.put("resolverStatus", resolution.status().name());
            metrics.put("reason", reason());
            metrics.put("fallbackStage", stage);
            MetricsJson.put(metrics, "promise", promise);
            metrics.put("heldOutBoundKeepsPromise", boundKeeps);
            MetricsJson.write(fit, metrics.putObject("fit"));
            MetricsJson.write(heldOut, metrics.putObject("heldOut"));
            if (heldOutGap != null) {
                MetricsJson.write(heldOutGap, metrics.putObject("heldOutGap"));
            }
            ObjectNode closest = metrics.putObject("closestRecallPolicy");
            MetricsJson.put(closest, "mu", resolution.firstMu());
            MetricsJson.write(resolution.heldOut(), closest.putObject("heldOut"));
            MetricsJson.put(closest, "predictedError", resolution.predictedError());
            return metrics;
        }
    }

    private SingleStageFallback() {}

    /** Whether {@code profile}'s cascade is a line, the only shape a single-stage fallback serves. */
    public static boolean appliesTo(Profile profile) {
        int[] parents = profile.parentIndices();
        for (int v = 0; v < parents.length; v++) {
            if (parents[v] != v - 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The fallback for {@code resolution}'s tier on the same split and model the resolver used
     * ({@code profile} and {@code settings} as given to {@link TierResolver#resolve}).
     *
     * @throws IllegalStateException when the cascade is not a line
     */
    public static Choice choose(TierResolution resolution, Profile profile, TierSettings settings) {
        ProfileSplit split = profile.split(settings.seed());
        EstimatedCascade estimated = CascadeEstimator.estimate(split.fit(), settings.estimation());
        List<String> stageIds = profile.stages().stream().map(ProfileStage::id).toList();
        if (!appliesTo(profile)) {
            throw new IllegalStateException(
                    "a single-stage fallback needs a line cascade; " + profile.cascade() + " is not one");
        }
        int n = stageIds.size();
        TierSpec tier = resolution.spec();
        long deadlineNanos = tier.deadlineMs() == null
                ? ReplayEvaluator.NO_DEADLINE
                : ReplayEvaluator.deadlineNanos(tier.deadlineMs());
        ReplayEvaluator fit = ReplayEvaluator.of(split.fit(), estimated.deviceClass());
        PolicyDocument[] documents = new PolicyDocument[n];
        Metrics[] fitMetrics = new Metrics[n];
        for (int v = 0; v < n; v++) {
            documents[v] = upTo(v, estimated, stageIds);
            fitMetrics[v] = fit.evaluate(documents[v].toPolicy(), deadlineNanos);
        }
        boolean accuracy = tier.kind() == TierSpec.Kind.ACCURACY_TOLERANCE;
        int reference = TierResolver.bestSingleStage(split.fit());
        int chosen;
        double promise;
        if (accuracy) {
            promise = fitMetrics[reference].accuracy() - tier.value();
            // the cheapest stage whose paired fit-half bound stays within ε of the reference; the
            // reference itself always does (it agrees with itself on every sample)
            boolean[] fitReference = fit.correctAt(reference);
            chosen = reference;
            for (int v = 0; v < reference; v++) {
                Outcomes outcomes = fit.replay(documents[v].toPolicy(), deadlineNanos);
                if (AccuracyGap.of(1.0, outcomes, null, fitReference).within(tier.value())) {
                    chosen = v;
                    break;
                }
            }
        } else {
            promise = tier.value();
            chosen = 0;
            for (int v = 0; v < n; v++) {
                if (fitMetrics[v].meanLatencyMs() <= promise
                        && fitMetrics[v].accuracy() > fitMetrics[chosen].accuracy()) {
                    chosen = v;
                }
            }
        }
        ReplayEvaluator heldOut = ReplayEvaluator.of(split.heldOut(), estimated.deviceClass());
        Outcomes outcomes = heldOut.replay(documents[chosen].toPolicy(), deadlineNanos);
        Metrics held = outcomes.metrics();
        AccuracyGap gap = accuracy ? AccuracyGap.of(1.0, outcomes, null, heldOut.correctAt(reference)) : null;
        boolean keeps = accuracy ? gap.within(tier.value()) : held.meanLatencyHighMs() <= promise;
        return new Choice(
                resolution,
                stageIds.get(chosen),
                chosen,
                documents[chosen],
                promise,
                fitMetrics[chosen],
                held,
                gap,
                keeps);
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
