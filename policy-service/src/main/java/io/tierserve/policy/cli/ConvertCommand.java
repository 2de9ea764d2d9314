package io.tierserve.policy.cli;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileCsv;
import io.tierserve.policy.profile.ProfileJson;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convert}: turns the two-file CSV form of a profile into its JSON form. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Reads a profile in its CSV form and writes the JSON form (validated on the way).",
            "Stages file: stage,parent,deviceClass,meanMs,p50Ms,p99Ms (one row per stage and device class, parents",
            "first, empty parent for a first stage). Samples file: sample,label,stage,prediction,confidence (one row",
            "per sample and stage). Exit code 2 on invalid input."
        })
final class ConvertCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--stages-csv", required = true, description = "stages CSV file")
    private Path stages;

    @Option(names = "--samples-csv", required = true, description = "samples CSV file")
    private Path samples;

    @Option(names = "--cascade", required = true, description = "cascade name written into the profile")
    private String cascade;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            description = "the profile's device class (default ${DEFAULT-VALUE})")
    private String device;

    @Option(names = "--out", required = true, description = "output JSON file")
    private Path out;

    @Override
    public Integer call() {
        Profile profile = ProfileCsv.read(
                CliFiles.readable(stages, "--stages-csv"),
                CliFiles.readable(samples, "--samples-csv"),
                cascade,
                device);
        ProfileJson.write(profile, out);
        spec.commandLine()
                .getOut()
                .println(
                        "wrote " + profile.sampleCount() + " samples of " + profile.stageCount() + " stages to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
