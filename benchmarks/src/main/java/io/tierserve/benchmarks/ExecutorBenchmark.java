package io.tierserve.benchmarks;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;
import io.tierserve.policy.execution.MixedPolicy;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.solver.Solvers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of serving one request's decisions (start, next, reveal with the bin lookup, answer) on a
 * line of n = 10 stages, against a plain confidence-threshold rule walking the same confidences.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExecutorBenchmark {

    private static final int REQUESTS = 4096;

    @Param({"32", "256"})
    public int m;

    private double[][] confidences;
    private CascadeWalk recall;
    private CascadeWalk noRecall;
    private CascadeWalk mixed;
    private CascadeWalk threshold;
    private int next;

    @Setup
    public void setUp() {
        MarkovCascade model = BenchmarkModels.estimatedLike(10, m, 42);
        ConfidenceBins bins = BenchmarkModels.bins(model);
        CascadePolicy recallPolicy = Solvers.recall(model, 1.0).toPolicy(bins, null);
        CascadePolicy noRecallPolicy = Solvers.noRecall(model, 1.0).toPolicy(bins, null);
        recall = recallPolicy.newWalk();
        noRecall = noRecallPolicy.newWalk();
        mixed = MixedPolicy.of(0.5, recallPolicy, noRecallPolicy).newWalk();
        confidences = BenchmarkModels.confidences(model, REQUESTS, 7);
        threshold = new ThresholdRule(bins, 0.995).newWalk();
        System.out.printf(
                "m=%d: next() calls per request: recall %.2f, no recall %.2f, mixed %.2f, threshold %.2f%n",
                m, decisions(recall), decisions(noRecall), decisions(mixed), decisions(threshold));
    }

    private double decisions(CascadeWalk walk) {
        double decisions = 0;
        for (int k = 0; k < REQUESTS; k++) {
            decisions += walk(walk, confidences[k], confidences[k][0]) >>> 16;
        }
        return decisions / REQUESTS;
    }

    private double[] request() {
        next = (next + 1) & (REQUESTS - 1);
        return confidences[next];
    }

    /** Runs one request; returns (decisions << 16) | answer so that nothing is dead code. */
    private static int walk(CascadeWalk walk, double[] confidence, double coin) {
        walk.start(coin);
        int decisions = 1;
        for (int s = walk.next(Long.MAX_VALUE); s != CascadePolicy.STOP; s = walk.next(Long.MAX_VALUE)) {
            walk.reveal(s, 0, confidence[s]);
            decisions++;
        }
        return (decisions << 16) | (walk.answer() & 0xffff);
    }

    @Benchmark
    public int recallIndexPolicy() {
        return walk(recall, request(), 0.5);
    }

    @Benchmark
    public int noRecallPolicy() {
        return walk(noRecall, request(), 0.5);
    }

    @Benchmark
    public int mixedPolicy() {
        double[] c = request();
        return walk(mixed, c, c[0]);
    }

    /** Baseline: a confidence-threshold rule through the same walk protocol and bin lookup. */
    @Benchmark
    public int thresholdRule() {
        return walk(threshold, request(), 0.5);
    }
}
