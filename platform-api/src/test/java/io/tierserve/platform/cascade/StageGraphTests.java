package io.tierserve.platform.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageGraphTests {

    private static StageRequest stage(String name, String parent, String... skipTo) {
        return new StageRequest(name, parent, null, List.of(skipTo));
    }

    @Test
    void parentsComeBeforeChildrenWhateverTheRequestOrder() {
        StageGraph graph = StageGraph.of(List.of(stage("c", "b"), stage("b", "a"), stage("a", null)));

        assertThat(graph.problems()).isEmpty();
        assertThat(graph.ordered()).extracting(StageRequest::name).containsExactly("a", "b", "c");
    }

    @Test
    void aCycleIsReportedAtEveryStageOnIt() {
        StageGraph graph = StageGraph.of(List.of(stage("root", null), stage("x", "y"), stage("y", "x")));

        assertThat(graph.problems())
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("stages[1].parent", "stages[2].parent");
        assertThat(graph.problems().get(0).message()).contains("x -> y -> x");
    }

    @Test
    void aStageCannotBeItsOwnParent() {
        assertThat(StageGraph.of(List.of(stage("a", "a"))).problems())
                .extracting(FieldProblem::field)
                .containsExactly("stages[0].parent");
    }

    @Test
    void skipsNeedALine() {
        StageGraph graph = StageGraph.of(List.of(stage("a", null, "c"), stage("b", "a"), stage("c", "a")));

        assertThat(graph.problems()).extracting(FieldProblem::field).containsExactly("stages");
    }

    @Test
    void skipsGoForwardPastAtLeastOneStage() {
        StageGraph graph = StageGraph.of(
                List.of(stage("a", null, "b", "c", "zz"), stage("b", "a", "a"), stage("c", "b"), stage("d", "c")));

        assertThat(graph.problems())
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("stages[0].skipTo[0]", "stages[0].skipTo[2]", "stages[1].skipTo[0]");
    }

    @Test
    void aForestUnderTheVirtualRootIsATree() {
        StageGraph graph = StageGraph.of(List.of(stage("small", null), stage("large", null)));

        assertThat(graph.problems()).isEmpty();
    }
}
