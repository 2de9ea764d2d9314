package io.tierserve.policy.cli;

import io.tierserve.policy.estimation.EstimationSettings;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.policy.tier.PolicyFamily;
import io.tierserve.policy.tier.PromiseCoverage;
import io.tierserve.policy.tier.TierJson;
import io.tierserve.policy.tier.TierSettings;
import io.tierserve.policy.tier.TierSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coverage}: how often served tiers keep their promises on a fresh third of the samples. */
@Command(
        name = "coverage",
        mixinStandardHelpOptions = true,
        description = {
            "Measures the empirical coverage of tier promises: per seeded split, a third of the samples is set",
            "aside, the tiers are resolved on the rest (fit and held-out halves, fallbacks included) and the",
            "served rule is replayed on the fresh third. Prints a Markdown table per tier: the share of splits",
            "whose fresh third kept the promise, statuses and the mean fresh accuracy and latency."
        })
final class CoverageCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", required = true, description = "profile JSON file")
    private Path profile;

    @Option(names = "--tiers", required = true, description = "tiers JSON file")
    private Path tiers;

    @Option(names = "--splits", defaultValue = "200", description = "random splits (default ${DEFAULT-VALUE})")
    private int splits;

    @Option(
            names = "--first-seed",
            defaultValue = "1",
            description = "seed of the first split (default ${DEFAULT-VALUE})")
    private long firstSeed;

    @Option(names = "--safety", description = "the resolver's safety factor (default: its default)")
    private Double safety;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "splits resolved in parallel (default ${DEFAULT-VALUE})")
    private int threads;

    @Option(
            names = "--families",
            split = ",",
            description = "policy families to plan with (default: all), e.g. RECALL,NO_RECALL")
    private List<String> families;

    @Option(names = "--bins", defaultValue = "32", description = "quantile bins per stage (default ${DEFAULT-VALUE})")
    private int bins;

    @Option(
            names = "--isotonic",
            negatable = true,
            defaultValue = "false",
            description = "the Markov model's bin error rates are made non-increasing in confidence by isotonic"
                    + " regression before the prior (default ${DEFAULT-VALUE})")
    private boolean isotonic;

    @Option(
            names = "--skips",
            negatable = true,
            defaultValue = "false",
            description = "the stages are separately run models (default ${DEFAULT-VALUE})")
    private boolean skips;

    @Override
    public Integer call() {
        List<TierSpec> specs;
        try {
            specs = TierJson.readSpecs(Files.readString(CliFiles.readable(tiers, "--tiers")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tiers + ": " + e.getMessage(), e);
        }
        if (splits < 1 || threads < 1) {
            throw new IllegalArgumentException("--splits and --threads must be positive");
        }
        Profile p = ProfileJson.read(CliFiles.readable(profile, "--profile"));
        TierSettings settings = TierSettings.defaults()
                .withEstimation(EstimationSettings.defaults().withBins(bins).withIsotonic(isotonic))
                .withSeparateModels(skips);
        if (safety != null) {
            settings = settings.withSafetyFactor(safety);
        }
        Set<PolicyFamily> chosen = new LinkedHashSet<>();
        for (String name : families == null
                ? PolicyFamily.all().stream().map(PolicyFamily::name).toList()
                : families) {
            chosen.add(PolicyFamily.named(name.trim()));
        }
        List<PromiseCoverage.TierCoverage> result =
                PromiseCoverage.measure(p, specs, settings, chosen, splits, firstSeed, threads);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "cascade `%s`, %d samples, %d splits (seeds %d…%d), safety factor %s, families %s%s%n%n",
                p.cascade(),
                p.sampleCount(),
                splits,
                firstSeed,
                firstSeed + splits - 1,
                settings.safetyFactor(),
                chosen.stream().map(PolicyFamily::name).toList(),
                isotonic ? ", isotonic bin losses" : "");
        out.println("| tier | promise | coverage | MET / CONSERVATIVE / fallback | fresh accuracy | fresh gap"
                + " | fresh latency ms | / full cascade |");
        out.println("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |");
        for (PromiseCoverage.TierCoverage c : result) {
            TierSpec t = c.tier();
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %.1f %% (%d/%d) | %d / %d / %d | %.4f | %s | %.4f | %.3f |%n",
                    t.name(),
                    t.kind() == TierSpec.Kind.ACCURACY_TOLERANCE
                            ? "gap ≤ " + t.value()
                            : "latency ≤ " + t.value() + " ms",
                    100.0 * c.coverage(),
                    c.kept(),
                    c.splits(),
                    c.met(),
                    c.conservative(),
                    c.fallback(),
                    c.meanAccuracy(),
                    Double.isNaN(c.meanGap()) ? "–" : String.format(Locale.ROOT, "%.4f", c.meanGap()),
                    c.meanLatencyMs(),
                    c.meanLatencyMs() / c.fullLatencyMs());
        }
        out.flush();
        return 0;
    }
}
