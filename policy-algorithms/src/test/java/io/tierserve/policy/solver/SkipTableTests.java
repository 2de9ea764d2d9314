package io.tierserve.policy.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;
import io.tierserve.policy.testing.BruteForce;
import io.tierserve.policy.testing.RandomModels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** With skips the best next stage can depend on the best loss in hand, so one index per state is not enough. */
class SkipTableTests {

    @Test
    void theBestNextStageDependsOnTheLossInHandOnSomeInstances() {
        Random rnd = new Random(31);
        String found = null;
        for (int k = 0; k < 2000 && found == null; k++) {
            MarkovCascade line = RandomModels.line(rnd, 3 + rnd.nextInt(2), 3 + rnd.nextInt(4), 4);
            SkipCascade model = RandomModels.skips(rnd, line);
            SkipRecallSolver.Result solution = (SkipRecallSolver.Result) Solvers.recallWithSkips(model, 1);
            found = xDependentState(model, solution);
            if (found != null) {
                assertThat(solution.expectedObjective()).isCloseTo(BruteForce.recallWithSkips(model, 1), within(1e-9));
            }
        }
        assertThat(found).as("an instance whose next stage depends on x").isNotNull();
    }

    @Test
    void withoutSkipsTheTableAgreesWithTheIndexPolicy() {
        Random rnd = new Random(32);
        for (int k = 0; k < 200; k++) {
            MarkovCascade line = RandomModels.line(rnd, 1 + rnd.nextInt(4), 1 + rnd.nextInt(6), 4);
            SkipCascade noSkips = SkipCascade.fromLine(line, null);
            assertThat(Solvers.recallWithSkips(noSkips, 1).expectedObjective())
                    .isCloseTo(Solvers.recall(line, 1).expectedObjective(), within(1e-9));
        }
    }

    @Test
    void skipsNeverHurt() {
        Random rnd = new Random(33);
        for (int k = 0; k < 200; k++) {
            MarkovCascade line = RandomModels.line(rnd, 2 + rnd.nextInt(3), 1 + rnd.nextInt(6), 4);
            assertThat(Solvers.recallWithSkips(RandomModels.skips(rnd, line), 1).expectedObjective())
                    .isLessThanOrEqualTo(Solvers.recall(line, 1).expectedObjective() + 1e-12);
        }
    }

    /** A description of a state (i, r) where two x values lead to two different next stages, or null. */
    private static String xDependentState(SkipCascade model, SkipRecallSolver.Result solution) {
        for (int i = 0; i < model.stageCount(); i++) {
            for (int r = 0; r < model.states(i); r++) {
                int first = CascadePolicy.STOP;
                for (int x = 0; x <= model.lossIndex(i, r); x++) {
                    int action = solution.action(i, r, x);
                    if (action == CascadePolicy.STOP) {
                        continue;
                    }
                    if (first != CascadePolicy.STOP && action != first) {
                        return "stage " + i + " state " + r + ": next " + first + " or " + action;
                    }
                    first = action;
                }
            }
        }
        return null;
    }
}
