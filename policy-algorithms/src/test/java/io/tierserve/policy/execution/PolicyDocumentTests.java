package io.tierserve.policy.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.solver.Solution;
import io.tierserve.policy.solver.Solvers;
import io.tierserve.policy.testing.RandomModels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PolicyDocumentTests {

    private static final int REQUESTS = 2000;

    @Test
    void everyKindSurvivesTheJsonRoundTripWithIdenticalDecisions() {
        Random rnd = new Random(51);
        for (int k = 0; k < 40; k++) {
            MarkovCascade line = RandomModels.line(rnd, 1 + rnd.nextInt(5), 2 + rnd.nextInt(20), 8);
            MarkovCascade tree = RandomModels.tree(rnd, 1 + rnd.nextInt(6), 2 + rnd.nextInt(20), 8);
            assertRoundTrip(Solvers.recall(line, 1), line, k);
            assertRoundTrip(Solvers.recall(tree, 0.5), tree, k);
            assertRoundTrip(Solvers.noRecall(line, 1), line, k);
            assertRoundTrip(Solvers.recallWithSkips(RandomModels.skips(rnd, line), 1), line, k);
        }
    }

    @Test
    void theDocumentIsCompactVersionedJson() {
        MarkovCascade line = RandomModels.line(new Random(52), 3, 5, 3);
        String json = Solvers.recall(line, 1).toDocument(null, null).write();
        assertThat(json)
                .startsWith("{\"formatVersion\":1,\"kind\":\"recall-index\"")
                .doesNotContain("\n", " ", "null");
    }

    @Test
    void stageIdsAreOptionalAndKept() {
        MarkovCascade line = RandomModels.line(new Random(53), 2, 5, 3);
        PolicyDocument document = Solvers.recall(line, 1).toDocument(null, null).withStageIds(List.of("small", "big"));
        assertThat(PolicyDocument.read(document.write()).stageIds()).containsExactly("small", "big");
    }

    @Test
    void invalidDocumentsAreRejectedWithTheBrokenRule() {
        MarkovCascade line = RandomModels.line(new Random(54), 3, 5, 3);
        String json = Solvers.recall(line, 1).toDocument(null, null).write();
        assertRejected("{", "malformed policy document");
        assertRejected(json.replace("\"formatVersion\":1", "\"formatVersion\":3"), "unsupported formatVersion 3");
        assertRejected(
                json.replace("\"formatVersion\":1", "\"formatVersion\":2"),
                "agreement is required in, and only in, formatVersion 2");
        assertRejected(
                json.replace("\"grid\"", "\"agreement\":[false,true,true],\"grid\""),
                "agreement is required in, and only in, formatVersion 2");
        assertRejected(
                json.replace("\"formatVersion\":1", "\"formatVersion\":2")
                        .replace("\"grid\"", "\"agreement\":[false,true,true],\"grid\""),
                "agreement needs binEdges");
        assertRejected(json.replace("recall-index", "magic"), "unknown policy kind 'magic'");
        assertRejected(json.replace("\"kind\"", "\"colour\":1,\"kind\""), "malformed policy document");
        assertRejected(json.replace("\"thresholds\":[[-1]", "\"thresholds\":[[-1,0]"), "thresholds needs 1 entries");
        assertRejected(json.replace("\"parents\":[-1,0,1]", "\"parents\":[-1,2,1]"), "parent must be -1 or an earlier");
        PolicyDocument valid = PolicyDocument.read(json);
        PolicyDocument offGrid = new PolicyDocument(
                1,
                "recall-index",
                null,
                valid.parents(),
                valid.grid(),
                new double[][] {{0.123456}, {0.5}, {0.5}},
                null,
                null,
                null,
                valid.thresholds(),
                null,
                null,
                null,
                null,
                null);
        assertThatThrownBy(offGrid::toPolicy)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grid");
    }

    @Test
    void aTreeDocumentNeedsItsOrder() {
        MarkovCascade tree = new MarkovCascade(
                new double[] {0.1, 0.2},
                new int[] {-1, 0, 0},
                new double[] {0.1, 0.1, 0.1},
                new int[][] {{0, 1}, {0, 1}, {0, 1}},
                new double[][] {{0.5, 0.5}, null, null},
                new double[][][] {null, {{0.5, 0.5}, {0.5, 0.5}}, {{0.5, 0.5}, {0.5, 0.5}}});
        PolicyDocument document = Solvers.recall(tree, 1).toDocument(null, null);
        PolicyDocument withoutOrder = document.withIndexTables(document.thresholds(), null);
        assertThatThrownBy(withoutOrder::toPolicy).hasMessageContaining("order is required");
    }

    private static void assertRejected(String json, String message) {
        assertThatThrownBy(() -> PolicyDocument.read(json).toPolicy())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static void assertRoundTrip(Solution solution, MarkovCascade model, int k) {
        ConfidenceBins bins = bins(model);
        long[] p99 = new long[model.stageCount()];
        for (int v = 0; v < p99.length; v++) {
            p99[v] = 1000L * (v + 1);
        }
        CascadePolicy original = solution.toPolicy(bins, p99);
        String json = solution.toDocument(bins, p99).write();
        CascadePolicy restored = PolicyDocument.read(json).toPolicy();
        assertThat(PolicyDocument.read(json).write()).isEqualTo(json);
        assertThat(Traces.of(restored, k, REQUESTS, 1, 6000))
                .as("instance %d", k)
                .isEqualTo(Traces.of(original, k, REQUESTS, 1, 6000));
    }

    /** Equal-width bins on [0, 1]: one per model state. */
    static ConfidenceBins bins(MarkovCascade model) {
        double[][] edges = new double[model.stageCount()][];
        for (int v = 0; v < edges.length; v++) {
            int m = model.states(v);
            edges[v] = new double[m - 1];
            for (int b = 0; b < m - 1; b++) {
                edges[v][b] = (b + 1.0) / m;
            }
        }
        return new ConfidenceBins(edges);
    }
}
