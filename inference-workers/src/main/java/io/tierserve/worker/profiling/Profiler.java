package io.tierserve.worker.profiling;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.profile.StageLatency;
import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.CascadeSession;
import io.tierserve.worker.cascade.StageOutput;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.execution.InferenceEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every stage of a cascade on every sample, one request at a time on one thread (each
 * predictor has one intra-op thread), and writes what policy-service estimates policies from
 * (docs/algorithms.md#from-a-profile-to-the-model): per sample and stage the prediction and
 * confidence (max softmax), per stage the latency after warm-up — for an early exit the incremental
 * latency from its parent's hidden state, since that is what running it costs when the parent has
 * run.
 */
public final class Profiler {

    private Profiler() {}

    /**
     * @param warmup how many extra runs over the first samples precede the timed pass (not recorded)
     * @param deviceClass the device class the latencies are filed under ({@code cpu} or {@code gpu})
     */
    public static Profile profile(
            InferenceEngine engine, String cascade, LabelledInputs data, int warmup, String deviceClass) {
        CascadeManifest manifest = engine.manifest(cascade);
        return engine.withSession(cascade, session -> run(manifest, session, data, warmup, deviceClass));
    }

    private static Profile run(
            CascadeManifest manifest, CascadeSession session, LabelledInputs data, int warmup, String deviceClass) {
        int n = manifest.stages().size();
        int[] parents = manifest.parents();
        boolean earlyExit = manifest.cascadeKind() == CascadeKind.EARLY_EXIT;
        long[] scratch = new long[n];
        for (int i = 0; i < warmup; i++) {
            runAll(session, data.input(i % data.count()), parents, earlyExit, scratch);
        }
        long[][] latencies = new long[n][data.count()];
        List<ProfileSample> samples = new ArrayList<>(data.count());
        for (int i = 0; i < data.count(); i++) {
            StageOutput[] outputs = runAll(session, data.input(i), parents, earlyExit, scratch);
            List<io.tierserve.policy.profile.StageOutput> row = new ArrayList<>(n);
            for (int s = 0; s < n; s++) {
                latencies[s][i] = scratch[s];
                row.add(new io.tierserve.policy.profile.StageOutput(outputs[s].prediction(), outputs[s].confidence()));
            }
            samples.add(new ProfileSample(data.label(i), row));
        }
        List<ProfileStage> stages = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            StageLatency latency = LatencyStats.of(latencies[s], data.count());
            stages.add(new ProfileStage(
                    manifest.stages().get(s).id(), manifest.stages().get(s).parent(), Map.of(deviceClass, latency)));
        }
        return new Profile(Profile.FORMAT_VERSION, manifest.name(), deviceClass, manifest.labels(), stages, samples);
    }

    /** Runs every stage (parents first) and leaves each stage's own latency in {@code nanos}. */
    private static StageOutput[] runAll(
            CascadeSession session, Tensor input, int[] parents, boolean earlyExit, long[] nanos) {
        StageOutput[] outputs = new StageOutput[parents.length];
        for (int s = 0; s < parents.length; s++) {
            Tensor stageInput = earlyExit && parents[s] >= 0 ? outputs[parents[s]].hidden() : input;
            long before = System.nanoTime();
            outputs[s] = session.run(s, stageInput);
            nanos[s] = System.nanoTime() - before;
        }
        return outputs;
    }
}
