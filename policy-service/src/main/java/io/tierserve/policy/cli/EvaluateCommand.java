package io.tierserve.policy.cli;

import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.MetricsJson;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.policy.profile.ProfileStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code evaluate}: replays a stored policy document on a profile's samples. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Replays a policy document (as written by solve or tiers) exactly on a profile's samples and prints",
            "accuracy, latency percentiles, answer shares and recall rate with 95%% bounds (JSON). With --seed only",
            "the held-out half of that split is replayed. Latency is the sum of the run stages' p50s.",
            "Exit code 2 on invalid input."
        })
final class EvaluateCommand implements Callable<Integer> {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", required = true, description = "profile JSON file")
    private Path profile;

    @Option(names = "--policy", required = true, description = "policy document JSON file")
    private Path policy;

    @Option(names = "--seed", description = "replay only the held-out half of the split with this seed")
    private Long seed;

    @Option(names = "--device", description = "device class whose latencies are charged (default: the profile's)")
    private String device;

    @Option(names = "--deadline-ms", description = "per-request deadline in ms (default: none)")
    private Double deadlineMs;

    @Override
    public Integer call() {
        Profile p = ProfileJson.read(CliFiles.readable(profile, "--profile"));
        PolicyDocument document;
        try {
            document = PolicyDocument.read(Files.readString(CliFiles.readable(policy, "--policy")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + policy + ": " + e.getMessage(), e);
        }
        List<String> ids = p.stages().stream().map(ProfileStage::id).toList();
        if (document.stageIds() != null && !document.stageIds().equals(ids)) {
            throw new IllegalArgumentException(
                    "the policy's stages " + document.stageIds() + " are not the profile's " + ids);
        }
        if (deadlineMs != null && !(deadlineMs > 0)) {
            throw new IllegalArgumentException("--deadline-ms must be > 0");
        }
        CascadePolicy rule = document.toPolicy();
        Profile samples = seed == null ? p : p.split(seed).heldOut();
        long deadline = deadlineMs == null ? ReplayEvaluator.NO_DEADLINE : ReplayEvaluator.deadlineNanos(deadlineMs);
        Metrics m = ReplayEvaluator.of(samples, device).evaluate(rule, deadline);
        ObjectNode out = MAPPER.createObjectNode();
        MetricsJson.write(m, out);
        spec.commandLine()
                .getOut()
                .println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
