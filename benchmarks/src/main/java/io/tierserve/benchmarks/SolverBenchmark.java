package io.tierserve.benchmarks;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.solver.Solution;
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

/** Time to solve a line of n = 10 stages with m bins each on a shared grid of n·m losses. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SolverBenchmark {

    @Param({"64", "256", "1024"})
    public int m;

    private MarkovCascade model;

    @Setup
    public void setUp() {
        model = BenchmarkModels.estimatedLike(10, m, 42);
    }

    /** The recall-optimal policy by the table route (thresholds on the shared grid). */
    @Benchmark
    public Solution recall() {
        return Solvers.recall(model, 1.0);
    }

    /** The same on every available processor (identical result; blocks of parent states in parallel). */
    @Benchmark
    public Solution recallAllCores() {
        return Solvers.recall(model, 1.0, Runtime.getRuntime().availableProcessors());
    }

    /** The optimal no-recall policy: the O(n · m²) baseline. */
    @Benchmark
    public Solution noRecall() {
        return Solvers.noRecall(model, 1.0);
    }
}
