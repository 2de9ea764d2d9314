package io.tierserve.worker.cli;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.worker.cascade.Engines;
import io.tierserve.worker.cascade.InputKind;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.profiling.LabelledInputs;
import io.tierserve.worker.profiling.Profiler;
import io.tierserve.worker.training.FashionMnist;
import io.tierserve.worker.training.SpamAssassin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * {@code profile}: every stage of a cascade on the Fashion-MNIST test set (a text cascade: the
 * SpamAssassin corpus's profile split, in its seeded order), written as a profile.
 */
final class ProfileCommand {

    private ProfileCommand() {}

    static void run(Options options, PrintStream out) {
        Path outFile = options.path("out", Path.of("profile-cpu.json.gz"));
        int limit = options.integer("limit", 10_000);
        int warmup = options.integer("warmup", 500);
        try (InferenceEngine engine = CliEngines.open(options.text("cascade", null))) {
            String cascade = engine.cascades().iterator().next();
            LabelledInputs inputs;
            if (engine.manifest(cascade).inputKind() == InputKind.TEXT) {
                Path data = options.path("data", SpamAssassin.DEFAULT_DIR);
                List<SpamAssassin.Message> split =
                        SpamAssassin.split(SpamAssassin.load(data), SpamAssassin.Split.PROFILE, SpamAssassin.SEED);
                split = split.subList(0, Math.min(limit, split.size()));
                inputs = LabelledInputs.of(
                        split.stream().map(m -> Tensor.ofText(m.text())).toList(),
                        split.stream().mapToInt(SpamAssassin.Message::label).toArray());
            } else {
                Path data = options.path("data", FashionMnist.DEFAULT_DIR);
                FashionMnist test = FashionMnist.load(data, FashionMnist.Split.TEST, limit);
                inputs = LabelledInputs.of(test, engine.manifest(cascade).preprocessing());
            }
            Profile profile =
                    Profiler.profile(engine, cascade, inputs, warmup, Engines.deviceClass(engine.manifest(cascade)));
            write(profile, outFile);
            for (ProfileStage stage : profile.stages()) {
                var latency = stage.latencyOn(profile.deviceClass());
                out.printf(
                        Locale.ROOT,
                        "%-8s mean %.4f ms  p50 %.4f ms  p99 %.4f ms%n",
                        stage.id(),
                        latency.meanMs(),
                        latency.p50Ms(),
                        latency.p99Ms());
            }
            out.printf("profiled %d samples; wrote %s%n", profile.sampleCount(), outFile.toAbsolutePath());
        }
    }

    /** Writes JSON, gzipped when the file name ends in {@code .gz}. */
    static void write(Profile profile, Path file) {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
            ProfileJson.write(profile, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
