package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.AccuracyGap;
import io.tierserve.policy.evaluation.Outcomes;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How often a served tier keeps its promise on data the platform never saw.
 *
 * <p>Per split (seeded): a third of the samples is set aside as fresh data; the tiers are resolved
 * on the other two thirds exactly as the platform does (fit and held-out halves; an infeasible tier
 * on a line serves its {@link SingleStageFallback}); the served rule is then replayed on the fresh
 * third. An accuracy tolerance ε is kept when the rule is at most ε less accurate there than the
 * stage the resolver took as the most accurate (exact over a mix); a latency budget when the fresh
 * mean latency is within it. The held-out bound is one-sided 97.5 %, so at least 97.5 % of splits
 * should keep each promise, up to the fresh third's own sampling noise.
 */
public final class PromiseCoverage {

    /**
     * One tier over all splits.
     *
     * @param kept splits whose fresh third kept the promise
     * @param met splits whose tier was MET
     * @param conservative splits whose tier was CONSERVATIVE
     * @param fallback splits whose tier was infeasible and served a single stage
     * @param meanLatencyMs the served rule's mean latency on the fresh thirds, averaged over splits
     * @param meanAccuracy its fresh accuracy, averaged over splits
     * @param meanGap for an accuracy tolerance: the fresh gap to the reference stage, averaged; else NaN
     * @param fullLatencyMs the latency of running every stage of the line, for scale
     */
    public record TierCoverage(
            TierSpec tier,
            int splits,
            int kept,
            int met,
            int conservative,
            int fallback,
            double meanLatencyMs,
            double meanAccuracy,
            double meanGap,
            double fullLatencyMs) {

        public double coverage() {
            return (double) kept / splits;
        }
    }

    private record Fresh(
            boolean kept, TierStatus status, boolean fallback, double latencyMs, double accuracy, double gap) {}

    private PromiseCoverage() {}

    /**
     * Coverage of every tier with a promise (explicit μ tiers are skipped) over {@code splits} splits
     * seeded {@code firstSeed, firstSeed + 1, …}, run on {@code threads} threads.
     */
    public static List<TierCoverage> measure(
            Profile profile,
            List<TierSpec> tiers,
            TierSettings settings,
            Set<PolicyFamily> families,
            int splits,
            long firstSeed,
            int threads) {
        List<TierSpec> promised = tiers.stream()
                .filter(t -> t.kind() != TierSpec.Kind.EXPLICIT_MU)
                .toList();
        if (promised.isEmpty() || splits < 1) {
            throw new IllegalArgumentException("coverage needs at least one tier with a promise and one split");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        List<Future<List<Fresh>>> runs = new ArrayList<>();
        try {
            for (int s = 0; s < splits; s++) {
                long seed = firstSeed + s;
                runs.add(pool.submit(() -> split(profile, promised, settings.withSeed(seed), families, seed)));
            }
            List<List<Fresh>> results = new ArrayList<>();
            for (Future<List<Fresh>> f : runs) {
                results.add(f.get());
            }
            double full = fullLatency(profile, settings);
            List<TierCoverage> out = new ArrayList<>();
            for (int t = 0; t < promised.size(); t++) {
                int kept = 0;
                int met = 0;
                int conservative = 0;
                int fallback = 0;
                double latency = 0;
                double accuracy = 0;
                double gap = 0;
                for (List<Fresh> r : results) {
                    Fresh f = r.get(t);
                    kept += f.kept() ? 1 : 0;
                    met += !f.fallback() && f.status() == TierStatus.MET ? 1 : 0;
                    conservative += !f.fallback() && f.status() == TierStatus.CONSERVATIVE ? 1 : 0;
                    fallback += f.fallback() ? 1 : 0;
                    latency += f.latencyMs();
                    accuracy += f.accuracy();
                    gap += f.gap();
                }
                out.add(new TierCoverage(
                        promised.get(t),
                        splits,
                        kept,
                        met,
                        conservative,
                        fallback,
                        latency / splits,
                        accuracy / splits,
                        gap / splits,
                        full));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("coverage measurement interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Fresh> split(
            Profile profile, List<TierSpec> tiers, TierSettings settings, Set<PolicyFamily> families, long seed) {
        int n = profile.sampleCount();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] fresh = new boolean[n];
        for (int i = 0; i < n / 3; i++) {
            fresh[order[i]] = true;
        }
        List<ProfileSample> freshSamples = new ArrayList<>();
        List<ProfileSample> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (fresh[i] ? freshSamples : seen).add(profile.samples().get(i));
        }
        Profile known = profile.withSamples(seen);
        Profile unseen = profile.withSamples(freshSamples);
        List<TierResolution> resolutions = TierResolver.resolve(known, tiers, settings, families);
        ProfileSplit halves = known.split(settings.seed());
        int reference = TierResolver.bestSingleStage(halves.fit());
        String device = settings.estimation().deviceClass();
        ReplayEvaluator evaluator = ReplayEvaluator.of(unseen, device);
        boolean[] referenceCorrect = evaluator.correctAt(reference);
        List<Fresh> out = new ArrayList<>();
        for (TierResolution r : resolutions) {
            TierSpec tier = r.spec();
            long deadline = tier.deadlineMs() == null
                    ? ReplayEvaluator.NO_DEADLINE
                    : ReplayEvaluator.deadlineNanos(tier.deadlineMs());
            boolean fallback = r.status() == TierStatus.INFEASIBLE;
            PolicyDocument first;
            PolicyDocument second = null;
            double p = 1;
            if (fallback) {
                first = SingleStageFallback.appliesTo(known)
                        ? SingleStageFallback.choose(r, known, settings).document()
                        : null;
            } else {
                first = r.first();
                second = r.second();
                p = r.mixProbability();
            }
            if (first == null) {
                // a tree with no feasible plan serves nothing new: count it as not kept
                out.add(new Fresh(false, r.status(), true, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            Outcomes a = replay(evaluator, first, deadline);
            Outcomes b = second == null ? null : replay(evaluator, second, deadline);
            AccuracyGap gap = AccuracyGap.of(p, a, b, referenceCorrect);
            double latency = b == null
                    ? a.metrics().meanLatencyMs()
                    : Outcomes.mix(p, a, b).meanLatencyMs();
            double accuracy =
                    b == null ? a.metrics().accuracy() : Outcomes.mix(p, a, b).accuracy();
            boolean kept = tier.kind() == TierSpec.Kind.ACCURACY_TOLERANCE
                    ? gap.gap() <= tier.value() + 1e-12
                    : latency <= tier.value() + 1e-12;
            out.add(new Fresh(
                    kept,
                    r.status(),
                    fallback,
                    latency,
                    accuracy,
                    tier.kind() == TierSpec.Kind.ACCURACY_TOLERANCE ? gap.gap() : Double.NaN));
        }
        return out;
    }

    private static Outcomes replay(ReplayEvaluator evaluator, PolicyDocument document, long deadline) {
        ReplayEvaluator e =
                PolicyDocument.RECALL_SKIP_TABLE.equals(document.kind()) ? evaluator.allowingSkips() : evaluator;
        return e.replay(document.toPolicy(), deadline);
    }

    private static double fullLatency(Profile profile, TierSettings settings) {
        String device = settings.estimation().deviceClass() == null
                ? profile.deviceClass()
                : settings.estimation().deviceClass();
        double sum = 0;
        for (var stage : profile.stages()) {
            sum += stage.latencyOn(device).p50Ms();
        }
        return sum;
    }
}
