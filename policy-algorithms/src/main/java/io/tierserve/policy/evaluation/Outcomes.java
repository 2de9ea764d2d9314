package io.tierserve.policy.evaluation;

import java.util.List;

/**
 * Per-sample results of replaying one deterministic rule.
 *
 * <p>Per sample: whether the answer was right, the simulated latency, the answering stage, whether
 * it was recalled (an earlier stage than the last one run), and how many stages ran.
 *
 * <p>Outcomes of different rules on the same samples, in the same order, can be mixed exactly
 * ({@link #mix}); outcomes on disjoint samples can be concatenated (cross-fitting).
 */
public record Outcomes(
        int stageCount, boolean[] correct, double[] latencyMs, int[] answer, boolean[] recalled, int[] stagesRun) {

    static Outcomes empty(int stageCount, int n) {
        return new Outcomes(stageCount, new boolean[n], new double[n], new int[n], new boolean[n], new int[n]);
    }

    public int size() {
        return correct.length;
    }

    public Metrics metrics() {
        return MetricsCalculator.of(new Outcomes[] {this}, new double[] {1}, stageCount);
    }

    /** Exact metrics of serving {@code a} with probability {@code p}, else {@code b}, on the same samples. */
    public static Metrics mix(double p, Outcomes a, Outcomes b) {
        if (a.size() != b.size() || a.stageCount != b.stageCount) {
            throw new IllegalArgumentException("mixed outcomes must cover the same samples of the same cascade");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("mixing probability must be in [0, 1], was " + p);
        }
        return MetricsCalculator.of(new Outcomes[] {a, b}, new double[] {p, 1 - p}, a.stageCount);
    }

    /** The outcomes of {@code parts} one after another (parts on disjoint samples). */
    public static Outcomes concat(List<Outcomes> parts) {
        int n = 0;
        for (Outcomes o : parts) {
            n += o.size();
        }
        Outcomes all = empty(parts.get(0).stageCount, n);
        int at = 0;
        for (Outcomes o : parts) {
            System.arraycopy(o.correct, 0, all.correct, at, o.size());
            System.arraycopy(o.latencyMs, 0, all.latencyMs, at, o.size());
            System.arraycopy(o.answer, 0, all.answer, at, o.size());
            System.arraycopy(o.recalled, 0, all.recalled, at, o.size());
            System.arraycopy(o.stagesRun, 0, all.stagesRun, at, o.size());
            at += o.size();
        }
        return all;
    }
}
