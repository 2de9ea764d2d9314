package io.tierserve.policy.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.solver.Solvers;
import io.tierserve.policy.testing.RandomModels;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Walks allocate nothing per request once constructed (measured with the JVM's per-thread allocation counter). */
class AllocationTests {

    @Test
    void walksAllocateNothingPerRequest() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random rnd = new Random(71);
        MarkovCascade line = RandomModels.line(rnd, 6, 30, 8);
        MarkovCascade tree = RandomModels.tree(rnd, 6, 30, 8);
        ConfidenceBins lineBins = PolicyDocumentTests.bins(line);
        MarkovCascade dense = RandomModels.denseLine(rnd, 6, 30, 8);
        ConfidenceBins agreementBins = agreementBins(dense);
        CascadePolicy[] policies = {
            Solvers.recall(line, 1).toPolicy(lineBins, new long[6]),
            Solvers.recall(tree, 1).toPolicy(PolicyDocumentTests.bins(tree), null),
            Solvers.noRecall(line, 1).toPolicy(lineBins, null),
            Solvers.recallWithSkips(RandomModels.skips(rnd, line), 1).toPolicy(lineBins, null),
            Solvers.recall(dense, 1).toPolicy(agreementBins, null),
            Solvers.noRecall(dense, 1).toPolicy(agreementBins, null),
            MixedPolicy.of(
                    0.5,
                    Solvers.recall(line, 1).toPolicy(lineBins, null),
                    Solvers.noRecall(line, 1).toPolicy(lineBins, null))
        };
        for (CascadePolicy policy : policies) {
            CascadeWalk walk = policy.newWalk();
            run(walk, 10_000); // warm up
            long before = threads.getCurrentThreadAllocatedBytes();
            long checksum = run(walk, 100_000);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(checksum).isNotZero();
            assertThat(allocated).as("bytes allocated by 100k requests").isLessThan(1024);
        }
    }

    /** Stage 0 maps confidence to all its states; later stages use half as many bins, doubled by agreement. */
    private static ConfidenceBins agreementBins(MarkovCascade model) {
        double[][] edges = new double[model.stageCount()][];
        boolean[] agreement = new boolean[model.stageCount()];
        for (int v = 0; v < edges.length; v++) {
            agreement[v] = v > 0;
            int bins = agreement[v] ? model.states(v) / 2 : model.states(v);
            edges[v] = new double[bins - 1];
            for (int b = 0; b < bins - 1; b++) {
                edges[v][b] = (b + 1.0) / bins;
            }
        }
        return new ConfidenceBins(edges, agreement);
    }

    private static long run(CascadeWalk walk, int requests) {
        long checksum = 0;
        long seed = 12345;
        for (int k = 0; k < requests; k++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            walk.start((seed >>> 11) * 0x1.0p-53);
            for (int s = walk.next(Long.MAX_VALUE); s != CascadePolicy.STOP; s = walk.next(Long.MAX_VALUE)) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                walk.reveal(s, (int) (seed >>> 63), (seed >>> 11) * 0x1.0p-53);
                checksum += s;
            }
            checksum += walk.answer();
        }
        return checksum;
    }
}
