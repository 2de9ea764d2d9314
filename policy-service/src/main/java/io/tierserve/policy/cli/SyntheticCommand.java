package io.tierserve.policy.cli;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.policy.synthetic.SyntheticProfiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code synthetic}: writes a seeded synthetic Markov cascade profile. */
@Command(
        name = "synthetic",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the profile (JSON) of a synthetic line cascade: hidden Markov states along the line, rising",
            "accuracy and latency, correlated confidences. The same seed gives the same file. Exit code 2 on",
            "invalid input."
        })
final class SyntheticCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", required = true, description = "random seed")
    private long seed;

    @Option(names = "--samples", defaultValue = "10000", description = "samples (default ${DEFAULT-VALUE})")
    private int samples;

    @Option(names = "--stages", defaultValue = "5", description = "stages, 4 to 6 (default ${DEFAULT-VALUE})")
    private int stages;

    @Option(names = "--out", required = true, description = "output file")
    private Path out;

    @Override
    public Integer call() {
        Profile profile = SyntheticProfiles.generate(SyntheticProfiles.benchmark(stages), samples, seed);
        ProfileJson.write(profile, out);
        spec.commandLine().getOut().println("wrote " + samples + " samples of " + profile.cascade() + " to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
