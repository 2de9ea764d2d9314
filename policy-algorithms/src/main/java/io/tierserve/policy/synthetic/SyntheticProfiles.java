package io.tierserve.policy.synthetic;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.profile.StageLatency;
import io.tierserve.policy.profile.StageOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Draws seeded profiles from a {@link SyntheticSpec}, and defines the benchmark spec. */
public final class SyntheticProfiles {

    private static final int BENCHMARK_STATES = 8;

    private SyntheticProfiles() {}

    /** {@code samples} samples of {@code spec}; the same seed gives the same profile. */
    public static Profile generate(SyntheticSpec spec, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, was " + samples);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int n = spec.stages();
        int k = spec.states();
        double lo = 1.0 / spec.classes();
        double width = (1 - lo) / k;
        List<ProfileSample> out = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            int label = random.nextInt(spec.classes());
            List<StageOutput> outputs = new ArrayList<>(n);
            int state = draw(spec.initial(), random);
            int previousPrediction = -1;
            for (int v = 0; v < n; v++) {
                if (v > 0) {
                    state = draw(spec.transition()[v][state], random);
                }
                int prediction;
                if (random.nextDouble() < spec.accuracy()[v][state]) {
                    prediction = label;
                } else if (previousPrediction >= 0
                        && previousPrediction != label
                        && random.nextDouble() < spec.wrongStickiness()) {
                    prediction = previousPrediction;
                } else {
                    prediction = (label + 1 + random.nextInt(spec.classes() - 1)) % spec.classes();
                }
                double confidence = Math.min(1.0, lo + (state + random.nextDouble()) * width);
                outputs.add(new StageOutput(prediction, confidence));
                previousPrediction = prediction;
            }
            out.add(new ProfileSample(label, outputs));
        }
        List<ProfileStage> stages = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            stages.add(new ProfileStage(
                    "stage" + (v + 1),
                    v == 0 ? null : "stage" + v,
                    Map.of("cpu", new StageLatency(spec.meanMs()[v], spec.p50Ms()[v], spec.p99Ms()[v]))));
        }
        return new Profile(Profile.FORMAT_VERSION, spec.cascade(), "cpu", List.of(), stages, out);
    }

    /**
     * The benchmark cascade with {@code stages} (4–6) stages: 8 hidden states whose accuracy rises
     * from 0.12 to 0.99; each stage drifts upwards from its parent's state (correlated confidences,
     * rising accuracy) with enough spread that a later stage is sometimes worse (room for recall);
     * latency grows geometrically (×1.6 per stage from 0.05 ms).
     */
    public static SyntheticSpec benchmark(int stages) {
        if (stages < 4 || stages > 6) {
            throw new IllegalArgumentException("the benchmark cascade has 4 to 6 stages, asked for " + stages);
        }
        int k = BENCHMARK_STATES;
        double[] initial = gaussianRow(k, 2.0, 2.0);
        double[][][] transition = new double[stages][][];
        double[][] accuracy = new double[stages][k];
        double[] p50 = new double[stages];
        double[] mean = new double[stages];
        double[] p99 = new double[stages];
        for (int v = 0; v < stages; v++) {
            if (v > 0) {
                double drift = 1.2 * Math.pow(0.7, v - 1);
                transition[v] = new double[k][];
                for (int a = 0; a < k; a++) {
                    transition[v][a] = gaussianRow(k, a + drift, 1.3);
                }
            }
            for (int s = 0; s < k; s++) {
                accuracy[v][s] = 0.12 + 0.87 * Math.pow((double) s / (k - 1), 0.9);
            }
            p50[v] = 0.05 * Math.pow(1.6, v);
            mean[v] = 1.1 * p50[v];
            p99[v] = 2.5 * p50[v];
        }
        return new SyntheticSpec("synthetic-" + stages, 10, initial, transition, accuracy, p50, mean, p99, 0.5);
    }

    private static double[] gaussianRow(int k, double centre, double width) {
        double[] row = new double[k];
        double sum = 0;
        for (int b = 0; b < k; b++) {
            double z = (b - centre) / width;
            row[b] = Math.exp(-0.5 * z * z);
            sum += row[b];
        }
        for (int b = 0; b < k; b++) {
            row[b] /= sum;
        }
        return row;
    }

    private static int draw(double[] distribution, SplittableRandom random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int b = 0; b < distribution.length - 1; b++) {
            cumulative += distribution[b];
            if (u < cumulative) {
                return b;
            }
        }
        return distribution.length - 1;
    }
}
