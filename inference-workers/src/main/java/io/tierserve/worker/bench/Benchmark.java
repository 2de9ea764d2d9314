package io.tierserve.worker.bench;

import io.tierserve.policy.estimation.CascadeEstimator;
import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.estimation.EstimationSettings;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileSplit;
import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.cascade.InputKind;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.profiling.LabelledInputs;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo cascade's benchmark: policies chosen at equal accuracy on the profile's fit half, then
 * measured on the held-out half twice — replayed from the profile, and executed live through the
 * engine — plus serving overhead and throughput. A cascade of separate models also gets the
 * recall-optimal policy with skip edges (a stage may jump straight to any later stage).
 */
public final class Benchmark {

    private static final long SPLIT_SEED = 1;
    private static final int WARMUP = 2000;
    // a text cascade's requests take milliseconds: fewer warm-up requests reach the same JIT state
    private static final int TEXT_WARMUP = 100;

    private Benchmark() {}

    /**
     * @param data the profile's samples in the profile's order (sample {@code i} of the profile is
     *     {@code data.input(i)})
     */
    public static void run(
            InferenceEngine engine, String cascade, Profile profile, LabelledInputs data, PrintStream out)
            throws InterruptedException {
        if (data.count() != profile.sampleCount()) {
            throw new IllegalArgumentException(
                    "the profile has " + profile.sampleCount() + " samples, the data " + data.count());
        }
        ProfileSplit split = profile.split(SPLIT_SEED);
        EstimatedCascade estimated = CascadeEstimator.estimate(split.fit(), EstimationSettings.defaults());
        // Separate models may skip stages; allowing skips changes nothing for policies that do not.
        boolean separate = engine.manifest(cascade).cascadeKind() == CascadeKind.SEPARATE;
        ReplayEvaluator heldOutReplay =
                ReplayEvaluator.of(split.heldOut(), estimated.deviceClass()).allowingSkips();
        int[] heldOut = indicesOf(profile, split.heldOut());

        PolicySelection selection = new PolicySelection(split.fit(), estimated);
        ChosenPolicy full = selection.fullModel();
        double target = full.fit().accuracy();
        // The same recall solver on agreement-aware states (bin, agrees with the parent's prediction),
        // beside the per-stage-confidence model, so the two are compared in one run.
        EstimatedCascade agreement = CascadeEstimator.estimate(
                split.fit(), EstimationSettings.defaults().withAgreement(true));
        ChosenPolicy recallAgreement = new PolicySelection(split.fit(), agreement).recall(target);
        List<ChosenPolicy> policies = new ArrayList<>();
        policies.add(selection.recall(target));
        if (separate) {
            policies.add(selection.recallWithSkips(target));
        }
        policies.add(new ChosenPolicy(
                "recall-optimal, agreement states",
                recallAgreement.parameter(),
                recallAgreement.policy(),
                recallAgreement.fit()));
        policies.add(selection.threshold(target));
        policies.add(selection.noRecall(target));
        policies.add(full);

        LiveRunner live = new LiveRunner(engine, cascade, data, heldOut);
        int warmupRequests = engine.manifest(cascade).inputKind() == InputKind.TEXT ? TEXT_WARMUP : WARMUP;
        LiveRunner warmup =
                new LiveRunner(engine, cascade, data, Arrays.copyOf(heldOut, Math.min(warmupRequests, heldOut.length)));
        for (ChosenPolicy chosen : policies) {
            warmup.run(chosen.policy(), estimated.bins());
        }

        out.printf(
                Locale.ROOT,
                "cascade %s, device %s: %d fit / %d held-out samples; policies chosen on the fit half at the full"
                        + " model's fit accuracy %.4f%n%n",
                cascade,
                estimated.deviceClass(),
                split.fit().sampleCount(),
                heldOut.length,
                target);
        out.println(
                "| policy | parameter | replay accuracy | live accuracy | replay mean ms | live mean ms"
                        + " | replay p99 ms | live p99 ms | live model ms | overhead / model | median overhead µs | recall rate |");
        out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (ChosenPolicy chosen : policies) {
            // Each policy's own code paths are warmed (JIT) right before it is measured.
            warmup.run(chosen.policy(), estimated.bins());
            Metrics replay = heldOutReplay.evaluate(chosen.policy());
            LiveResult result = live.run(chosen.policy(), estimated.bins());
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.1f %% | %.1f | %.3f |%n",
                    chosen.strategy(),
                    chosen.parameter(),
                    replay.accuracy(),
                    result.accuracy(),
                    replay.meanLatencyMs(),
                    result.meanMs(),
                    replay.p99LatencyMs(),
                    result.p99Ms(),
                    result.modelMeanMs(),
                    100 * result.overheadRatio(),
                    result.medianOverheadUs(),
                    result.recallRate());
        }
        out.println();
        out.println("| policy | throughput, 1 caller (req/s) | throughput, 2 callers (req/s) |");
        out.println("| --- | ---: | ---: |");
        List<ChosenPolicy> timed = new ArrayList<>(policies.subList(0, separate ? 3 : 2));
        timed.add(full);
        for (ChosenPolicy chosen : timed) {
            double one = live.throughput(chosen.policy(), estimated.bins(), 1);
            double two = live.throughput(chosen.policy(), estimated.bins(), 2);
            out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", chosen.strategy(), one, two);
        }
    }

    /** Each held-out sample's index in the whole profile (a split keeps the sample objects). */
    private static int[] indicesOf(Profile whole, Profile part) {
        Map<ProfileSample, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < whole.sampleCount(); i++) {
            index.put(whole.samples().get(i), i);
        }
        int[] indices = new int[part.sampleCount()];
        for (int i = 0; i < indices.length; i++) {
            Integer at = index.get(part.samples().get(i));
            if (at == null) {
                throw new IllegalStateException("a held-out sample is not in the profile");
            }
            indices[i] = at;
        }
        return indices;
    }
}
