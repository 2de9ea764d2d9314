package io.tierserve.worker.cli;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.worker.bench.Benchmark;
import io.tierserve.worker.bench.EngineComparison;
import io.tierserve.worker.cascade.InputKind;
import io.tierserve.worker.cascade.Manifests;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.profiling.DemoProfile;
import io.tierserve.worker.profiling.LabelledInputs;
import io.tierserve.worker.training.FashionMnist;
import io.tierserve.worker.training.SpamAssassin;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * {@code bench}: the demo cascade's policies replayed and live on the Fashion-MNIST test set; the
 * profile defaults to the committed one (made by {@code profile} on the same test set). A text
 * cascade ({@code --cascade DIR}) is replayed and run live on the SpamAssassin corpus's profile split,
 * with its directory's {@code profile-cpu.json.gz}.
 */
final class BenchCommand {

    private BenchCommand() {}

    static void run(Options options, PrintStream out) throws InterruptedException {
        String cascadeOption = options.text("cascade", null);
        if (cascadeOption != null && Manifests.read(Path.of(cascadeOption)).inputKind() == InputKind.TEXT) {
            text(options, Path.of(cascadeOption), out);
            return;
        }
        Path data = options.path("data", FashionMnist.DEFAULT_DIR);
        try (InferenceEngine engine = CliEngines.open(options.text("cascade", null))) {
            String cascade = engine.cascades().iterator().next();
            Profile profile = readProfile(options.text("profile", null));
            FashionMnist test = FashionMnist.load(data, FashionMnist.Split.TEST, profile.sampleCount());
            LabelledInputs inputs =
                    LabelledInputs.of(test, engine.manifest(cascade).preprocessing());
            Benchmark.run(engine, cascade, profile, inputs, out);
        }
        String dir = options.text("cascade", null);
        FashionMnist sample = FashionMnist.load(data, FashionMnist.Split.TEST, options.integer("engine-samples", 2000));
        Path cascadeDir = dir == null ? InferenceEngine.demoDirectory() : Path.of(dir);
        EngineComparison.run(
                cascadeDir, LabelledInputs.of(sample, Manifests.read(cascadeDir).preprocessing()), 500, out);
    }

    /**
     * A text cascade: its profile's first {@code --samples} samples (default all) and the same messages
     * of the SpamAssassin corpus's profile split, in the order the profile was made in.
     */
    private static void text(Options options, Path cascadeDir, PrintStream out) throws InterruptedException {
        try (InferenceEngine engine = CliEngines.open(cascadeDir.toString())) {
            String cascade = engine.cascades().iterator().next();
            Profile whole = readProfile(options.text(
                    "profile", cascadeDir.resolve("profile-cpu.json.gz").toString()));
            int limit = Math.min(options.integer("samples", whole.sampleCount()), whole.sampleCount());
            Profile profile = new Profile(
                    whole.formatVersion(),
                    whole.cascade(),
                    whole.deviceClass(),
                    whole.labels(),
                    whole.stages(),
                    whole.samples().subList(0, limit));
            List<SpamAssassin.Message> split = SpamAssassin.split(
                            SpamAssassin.load(options.path("data", SpamAssassin.DEFAULT_DIR)),
                            SpamAssassin.Split.PROFILE,
                            SpamAssassin.SEED)
                    .subList(0, limit);
            LabelledInputs inputs = LabelledInputs.of(
                    split.stream().map(m -> Tensor.ofText(m.text())).toList(),
                    split.stream().mapToInt(SpamAssassin.Message::label).toArray());
            Benchmark.run(engine, cascade, profile, inputs, out);
        }
    }

    static Profile readProfile(String file) {
        if (file == null) {
            return DemoProfile.load();
        }
        try (InputStream raw = Files.newInputStream(Path.of(file));
                InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return ProfileJson.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profile " + file, e);
        }
    }
}
