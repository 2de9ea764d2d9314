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

/** The equivalent-loss route (exact atoms): a binary out-tree of 10 stages, and a 10-stage line for comparison with the table route. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TreeSolverBenchmark {

    @Param({"16", "32", "64"})
    public int m;

    private MarkovCascade tree;
    private MarkovCascade line;

    @Setup
    public void setUp() {
        tree = BenchmarkModels.estimatedLike(10, m, 42, true);
        line = BenchmarkModels.estimatedLike(10, m, 42);
    }

    @Benchmark
    public Solution tree() {
        return Solvers.recall(tree, 1.0);
    }

    @Benchmark
    public Solution lineByEquivalentLoss() {
        return Solvers.recallByEquivalentLoss(line, 1.0);
    }

    @Benchmark
    public Solution lineByTable() {
        return Solvers.recall(line, 1.0);
    }
}
