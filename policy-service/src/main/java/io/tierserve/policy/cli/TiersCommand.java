package io.tierserve.policy.cli;

import io.tierserve.policy.estimation.EstimationSettings;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.policy.tier.ThresholdBaseline;
import io.tierserve.policy.tier.TierJson;
import io.tierserve.policy.tier.TierResolution;
import io.tierserve.policy.tier.TierResolver;
import io.tierserve.policy.tier.TierSettings;
import io.tierserve.policy.tier.TierSpec;
import io.tierserve.policy.tier.TierTable;
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

/** {@code tiers}: resolves tiers with the portfolio of policy families and reports them on held-out data. */
@Command(
        name = "tiers",
        mixinStandardHelpOptions = true,
        description = {
            "Resolves each tier with every policy family (recall-optimal, with skips, optimal no-recall, per-stage",
            "thresholds, mixes of two) planned on the fit half, checked on the held-out half with confidence",
            "bounds; the cheapest plan that keeps its promise is served. Tiers file: a JSON array of",
            "{\"name\": \"exact\", \"accuracyTolerance\": 0.0} | {\"name\": \"fast\", \"latencyBudgetMs\": 0.1} |",
            "{\"name\": \"balanced\", \"mu\": 2.0}, each with an optional \"deadlineMs\".",
            "Output: per tier its status (MET, INFEASIBLE), family, reason, mix probability, policy",
            "document(s), fit / held-out metrics and every family's best plan. Exit code 2 on invalid input."
        })
final class TiersCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", required = true, description = "profile JSON file")
    private Path profile;

    @Option(names = "--tiers", required = true, description = "tiers JSON file")
    private Path tiers;

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
            names = "--isotonic",
            negatable = true,
            defaultValue = "false",
            description = "the Markov model's bin error rates are made non-increasing in confidence by isotonic"
                    + " regression before the prior (default ${DEFAULT-VALUE})")
    private boolean isotonic;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of the fit/held-out split (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--device", description = "device class whose latencies are charged (default: the profile's)")
    private String device;

    @Option(
            names = "--skips",
            negatable = true,
            defaultValue = "false",
            description = "the stages are separately run models, so the recall-optimal family with skip edges"
                    + " is planned too (default ${DEFAULT-VALUE})")
    private boolean skips;

    @Option(
            names = "--safety",
            description = "the plan's own expected held-out half-widths its fit-half estimate keeps from the"
                    + " promise (default: the resolver's)")
    private Double safety;

    @Option(
            names = "--format",
            defaultValue = "json",
            description =
                    "json (every tier in full) or markdown (each family's best plan per tier, then each"
                            + " served tier against the cheapest per-stage threshold rule as accurate) (default ${DEFAULT-VALUE})")
    private String format;

    @Override
    public Integer call() {
        List<TierSpec> specs;
        try {
            specs = TierJson.readSpecs(Files.readString(CliFiles.readable(tiers, "--tiers")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tiers + ": " + e.getMessage(), e);
        }
        Profile p = ProfileJson.read(CliFiles.readable(profile, "--profile"));
        TierSettings settings = TierSettings.defaults()
                .withEstimation(EstimationSettings.defaults()
                        .withBins(bins)
                        .withDeviceClass(device)
                        .withAgreement(agreement)
                        .withIsotonic(isotonic))
                .withSeed(seed)
                .withSeparateModels(skips);
        if (safety != null) {
            settings = settings.withSafetyFactor(safety);
        }
        if (!format.equals("json") && !format.equals("markdown")) {
            throw new IllegalArgumentException("--format must be json or markdown, was " + format);
        }
        List<TierResolution> resolutions = TierResolver.resolve(p, specs, settings);
        spec.commandLine()
                .getOut()
                .println(
                        format.equals("json")
                                ? TierJson.write(resolutions)
                                : TierTable.markdown(resolutions) + "\n"
                                        + ThresholdBaseline.markdown(
                                                ThresholdBaseline.compare(p, resolutions, settings)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
