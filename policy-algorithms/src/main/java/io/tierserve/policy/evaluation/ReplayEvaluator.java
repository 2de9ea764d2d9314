package io.tierserve.policy.evaluation;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.StageLatency;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Replays serving rules exactly on a profile's samples through the {@link CascadeWalk} protocol.
 *
 * <p>Every stage's output for every sample is in the profile, so no model runs.
 *
 * <p>Latency is simulated as the sum of the run stages' p50 latencies on the chosen device class,
 * the same per-stage cost the solvers optimise, so a replayed objective is comparable with the
 * solver's prediction. With a deadline the remaining budget passed to {@link CascadeWalk#next} is
 * the deadline minus that simulated elapsed time. The replay checks the protocol: a stage runs at
 * most once and only after its parent (unless the evaluator {@link #allowingSkips() allows skips}),
 * and the answer is a stage that ran.
 */
public final class ReplayEvaluator {

    /** No deadline. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private final int stageCount;
    private final int[] parent;
    private final int[] label;
    private final int[][] prediction;
    private final double[][] confidence;
    private final double[] latencyMs;
    private final long[] latencyNanos;
    private final boolean skips;

    private ReplayEvaluator(Profile profile, String deviceClass, boolean skips) {
        this.skips = skips;
        stageCount = profile.stageCount();
        parent = profile.parentIndices();
        int n = profile.sampleCount();
        label = new int[n];
        prediction = new int[n][stageCount];
        confidence = new double[n][stageCount];
        for (int s = 0; s < n; s++) {
            ProfileSample sample = profile.samples().get(s);
            label[s] = sample.label();
            for (int v = 0; v < stageCount; v++) {
                prediction[s][v] = sample.outputs().get(v).prediction();
                confidence[s][v] = sample.outputs().get(v).confidence();
            }
        }
        latencyMs = new double[stageCount];
        latencyNanos = new long[stageCount];
        for (int v = 0; v < stageCount; v++) {
            latencyMs[v] = profile.stages().get(v).latencyOn(deviceClass).p50Ms();
            latencyNanos[v] = Math.round(latencyMs[v] * 1_000_000.0);
        }
    }

    /** An evaluator over {@code samples}' samples with latencies of {@code deviceClass} ({@code null}: the profile's). */
    public static ReplayEvaluator of(Profile samples, String deviceClass) {
        return new ReplayEvaluator(samples, deviceClass == null ? samples.deviceClass() : deviceClass, false);
    }

    /**
     * The same evaluator for a cascade of separately run models, where a stage may run without its
     * parent (a skip edge, docs/algorithms.md#skip-edges): it is charged its own latency only.
     */
    public ReplayEvaluator allowingSkips() {
        return new ReplayEvaluator(this, true);
    }

    private ReplayEvaluator(ReplayEvaluator other, boolean skips) {
        this.skips = skips;
        stageCount = other.stageCount;
        parent = other.parent;
        label = other.label;
        prediction = other.prediction;
        confidence = other.confidence;
        latencyMs = other.latencyMs;
        latencyNanos = other.latencyNanos;
    }

    public int sampleCount() {
        return label.length;
    }

    public int stageCount() {
        return stageCount;
    }

    /** Per sample, whether {@code stage}'s prediction is right (the reference of an {@link AccuracyGap}). */
    public boolean[] correctAt(int stage) {
        boolean[] correct = new boolean[label.length];
        for (int s = 0; s < label.length; s++) {
            correct[s] = prediction[s][stage] == label[s];
        }
        return correct;
    }

    /** Per stage, the p50 latency (ms) the replay charges. */
    public double[] stageLatencyMs() {
        return latencyMs.clone();
    }

    /** Metrics of a deterministic rule without deadline. */
    public Metrics evaluate(CascadePolicy policy) {
        return evaluate(policy, NO_DEADLINE);
    }

    /**
     * Metrics of {@code policy}; each request gets a coin from a fixed seed, so a rule that uses
     * the coin is evaluated by sampling (use {@link #evaluateMix} for an exact mixture).
     */
    public Metrics evaluate(CascadePolicy policy, long deadlineNanos) {
        return replay(policy, deadlineNanos).metrics();
    }

    /**
     * Exact metrics of serving {@code a} with probability {@code p} and {@code b} otherwise: every
     * sample is replayed once with each rule and weighted {@code p} and {@code 1 − p}.
     */
    public Metrics evaluateMix(double p, CascadePolicy a, CascadePolicy b, long deadlineNanos) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("mixing probability must be in [0, 1], was " + p);
        }
        return Outcomes.mix(p, replay(a, deadlineNanos), replay(b, deadlineNanos));
    }

    /**
     * The per-sample oracle (docs/algorithms.md#without-recall): run {@code path} up to the first
     * stage that is correct (the cheapest, since latency only grows along a path), or all of it
     * when none is.
     */
    public Metrics oracle(int[] path) {
        int n = label.length;
        Outcomes o = Outcomes.empty(stageCount, n);
        for (int s = 0; s < n; s++) {
            double elapsed = 0;
            int at = path.length - 1;
            for (int i = 0; i < path.length; i++) {
                elapsed += latencyMs[path[i]];
                if (prediction[s][path[i]] == label[s]) {
                    at = i;
                    break;
                }
            }
            o.correct()[s] = prediction[s][path[at]] == label[s];
            o.latencyMs()[s] = elapsed;
            o.answer()[s] = path[at];
            o.stagesRun()[s] = at + 1;
        }
        return o.metrics();
    }

    /** Per-sample outcomes of a deterministic rule (coins from a fixed seed), for mixing and cross-fitting. */
    public Outcomes replay(CascadePolicy policy, long deadlineNanos) {
        return replay(policy, deadlineNanos, new SplittableRandom(0));
    }

    Outcomes replay(CascadePolicy policy, long deadlineNanos, SplittableRandom coins) {
        if (policy.stageCount() != stageCount) {
            throw new IllegalArgumentException(
                    "policy has " + policy.stageCount() + " stages, the profile " + stageCount);
        }
        int n = label.length;
        Outcomes o = Outcomes.empty(stageCount, n);
        CascadeWalk walk = policy.newWalk();
        boolean[] ran = new boolean[stageCount];
        for (int s = 0; s < n; s++) {
            Arrays.fill(ran, false);
            walk.start(coins.nextDouble());
            long elapsedNanos = 0;
            double elapsedMs = 0;
            int last = CascadePolicy.STOP;
            int count = 0;
            while (true) {
                long remaining = deadlineNanos == NO_DEADLINE ? NO_DEADLINE : deadlineNanos - elapsedNanos;
                int stage = walk.next(remaining);
                if (stage == CascadePolicy.STOP) {
                    break;
                }
                if (stage < 0
                        || stage >= stageCount
                        || ran[stage]
                        || (!skips && parent[stage] >= 0 && !ran[parent[stage]])) {
                    throw new IllegalStateException(
                            policy + " asked to run stage " + stage + " out of order on sample " + s);
                }
                ran[stage] = true;
                elapsedNanos += latencyNanos[stage];
                elapsedMs += latencyMs[stage];
                walk.reveal(stage, prediction[s][stage], confidence[s][stage]);
                last = stage;
                count++;
            }
            int answer = walk.answer();
            if (count == 0 && answer == CascadePolicy.STOP) {
                // The deadline left no room for any stage, yet a request needs an answer: as the
                // workers' executor does, the first root stage runs and answers.
                answer = firstRoot();
                elapsedMs += latencyMs[answer];
                ran[answer] = true;
                last = answer;
                count = 1;
            }
            if (answer < 0 || answer >= stageCount || !ran[answer]) {
                throw new IllegalStateException(policy + " answered with stage " + answer + ", which did not run");
            }
            o.correct()[s] = prediction[s][answer] == label[s];
            o.latencyMs()[s] = elapsedMs;
            o.answer()[s] = answer;
            o.recalled()[s] = answer != last;
            o.stagesRun()[s] = count;
        }
        return o;
    }

    private int firstRoot() {
        for (int i = 0; i < stageCount; i++) {
            if (parent[i] < 0) {
                return i;
            }
        }
        throw new IllegalStateException("a cascade without a root stage");
    }

    /** Nanoseconds of a latency in milliseconds, for deadlines given in ms. */
    public static long deadlineNanos(double ms) {
        return StageLatency.toNanos(ms);
    }
}
