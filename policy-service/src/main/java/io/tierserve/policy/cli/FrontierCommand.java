package io.tierserve.policy.cli;

import io.tierserve.policy.estimation.EstimationSettings;
import io.tierserve.policy.frontier.FrontierBuilder;
import io.tierserve.policy.frontier.FrontierFormat;
import io.tierserve.policy.frontier.FrontierReport;
import io.tierserve.policy.frontier.FrontierSettings;
import io.tierserve.policy.frontier.FrontierSummary;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code frontier}: the held-out frontier of every strategy for one profile. */
@Command(
        name = "frontier",
        mixinStandardHelpOptions = true,
        description = {
            "Splits a profile (seeded) into fit and held-out halves, estimates the Markov model on the fit half and",
            "replays every strategy on the held-out half: recall-optimal and optimal no-recall (mu swept on a log",
            "scale), threshold (theta over observed confidences), patience (K = 1..n-1), single stage k, oracle.",
            "Rows: strategy, parameter, accuracy (+ 95%% Wilson bounds), mean and p99 latency (ms, sum of the run",
            "stages' p50s), latency ratio to the full cascade, recall rate, predicted and replayed objective.",
            "Exit code 2 on invalid input."
        })
final class FrontierCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", required = true, description = "profile JSON file")
    private Path profile;

    @Option(names = "--bins", defaultValue = "32", description = "quantile bins per stage (default ${DEFAULT-VALUE})")
    private int bins;

    @Option(
            names = "--agreement",
            negatable = true,
            defaultValue = "false",
            description =
                    "states also record whether a stage agrees with its parent's prediction (default ${DEFAULT-VALUE})")
    private boolean agreement;

    @Option(
            names = "--skips",
            negatable = true,
            defaultValue = "false",
            description = "also the recall-optimal policy with skip edges (separately run models only: every stage"
                    + " reads the input; default ${DEFAULT-VALUE})")
    private boolean skips;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of the fit/held-out split (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(
            names = "--format",
            defaultValue = "csv",
            description =
                    "csv, json, or markdown (recall-optimal against every baseline at equal accuracy; default ${DEFAULT-VALUE})")
    private String format;

    @Option(names = "--device", description = "device class whose latencies are charged (default: the profile's)")
    private String device;

    @Option(names = "--mu-points", defaultValue = "48", description = "mu values per solver (default ${DEFAULT-VALUE})")
    private int muPoints;

    @Override
    public Integer call() {
        if (!format.equals("csv") && !format.equals("json") && !format.equals("markdown")) {
            throw new IllegalArgumentException("--format must be csv, json or markdown, was '" + format + "'");
        }
        if (muPoints < 2) {
            throw new IllegalArgumentException("--mu-points must be >= 2");
        }
        Profile p = ProfileJson.read(CliFiles.readable(profile, "--profile"));
        EstimationSettings estimation = EstimationSettings.defaults()
                .withBins(bins)
                .withDeviceClass(device)
                .withAgreement(agreement);
        FrontierReport report = FrontierBuilder.build(p, new FrontierSettings(estimation, seed, muPoints, 200, skips));
        String text = switch (format) {
            case "csv" -> FrontierFormat.csv(report);
            case "json" -> FrontierFormat.json(report);
            default -> FrontierSummary.markdown(report);
        };
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
