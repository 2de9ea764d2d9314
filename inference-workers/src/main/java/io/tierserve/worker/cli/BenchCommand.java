package io.tierserve.worker.cli;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.worker.bench.Benchmark;
import io.tierserve.worker.bench.EngineComparison;
import io.tierserve.worker.cascade.Manifests;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.profiling.DemoProfile;
import io.tierserve.worker.profiling.LabelledInputs;
import io.tierserve.worker.training.FashionMnist;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * {@code bench}: the demo cascade's policies replayed and live on the Fashion-MNIST test set; the
 * profile defaults to the committed one (made by {@code profile} on the same test set).
 */
final class BenchCommand {

    private BenchCommand() {}

    static void run(Options options, PrintStream out) throws InterruptedException {
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
