package io.tierserve.policy.cli;

import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.solver.Solution;
import io.tierserve.policy.solver.Solvers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code solve}: one instance on standard input, its optimal policy and expected cost on standard output. */
@Command(
        name = "solve",
        mixinStandardHelpOptions = true,
        description = {
            "Reads one instance (JSON) on standard input and writes the optimal policy (JSON) on standard output.",
            "Instance: {\"recall\": bool, \"grid\": [ascending losses > 0], \"nodes\": [{\"id\", \"parent\": id|null,"
                    + " \"cost\": >= 0, \"dist\": [...] (root children) | \"transition\": [[row per parent grid index]]}],"
                    + " \"skips\": [{\"from\": id|null, \"to\": id, \"cost\": c}] (optional, recall lines only)}.",
            "States are grid indices. Output: {\"expectedCost\": E[f] + E[sum of costs], \"expectedLoss\","
                    + " \"expectedStageCost\", \"policy\": the policy document}.",
            "Exit code 2 on invalid input."
        })
final class SolveCommand implements Callable<Integer> {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @ParentCommand
    private PolicyCli root;

    @Spec
    private CommandSpec spec;

    /** The solver's answer as printed. */
    record Output(double expectedCost, double expectedLoss, double expectedStageCost, PolicyDocument policy) {}

    @Override
    public Integer call() {
        String json;
        try {
            json = new String(root.in().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instance instance = new InstanceReader().read(json);
        Solution solution;
        if (instance.skips() != null) {
            solution = Solvers.recallWithSkips(instance.skips(), 1);
        } else if (instance.recall()) {
            solution = Solvers.recall(instance.model(), 1);
        } else {
            if (!instance.model().isLine()) {
                throw new IllegalArgumentException(
                        "no-recall instances must be a line (each node the child of the one before)");
            }
            solution = Solvers.noRecall(instance.model(), 1);
        }
        PolicyDocument policy = solution.toDocument(null, null).withStageIds(instance.ids());
        Output output =
                new Output(solution.expectedObjective(), solution.expectedLoss(), solution.expectedCost(), policy);
        spec.commandLine().getOut().println(MAPPER.writeValueAsString(output));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
