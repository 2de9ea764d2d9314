package io.tierserve.worker.bench;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.StageLatency;
import io.tierserve.worker.cascade.LoadedCascade;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.profiling.LabelledInputs;
import io.tierserve.worker.profiling.Profiler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The same stages on ONNX Runtime and on DJL's PyTorch engine: per-stage latency (one thread, batch
 * 1, after warm-up) and whether the two give the same predictions; the faster one serves the demo.
 */
public final class EngineComparison {

    private EngineComparison() {}

    public static void run(Path cascadeDir, LabelledInputs data, int warmup, PrintStream out) {
        List<String> engines = List.of(StageSpec.ONNX_RUNTIME, StageSpec.PYTORCH);
        Profile[] profiles = new Profile[engines.size()];
        for (int e = 0; e < engines.size(); e++) {
            try (InferenceEngine engine = InferenceEngine.create()) {
                String cascade = engine.register(LoadedCascade.load(cascadeDir, engines.get(e)));
                profiles[e] = Profiler.profile(engine, cascade, data, warmup, "cpu");
            }
        }
        int agree = 0;
        int total = 0;
        for (int i = 0; i < data.count(); i++) {
            for (int s = 0; s < profiles[0].stageCount(); s++) {
                total++;
                agree += profiles[0].samples().get(i).outputs().get(s).prediction()
                                == profiles[1].samples().get(i).outputs().get(s).prediction()
                        ? 1
                        : 0;
            }
        }
        out.printf(
                Locale.ROOT,
                "%n%d samples, one request at a time; identical predictions on %d of %d (sample, stage) pairs%n%n",
                data.count(),
                agree,
                total);
        out.println(
                "| stage | ONNX Runtime p50 ms | ONNX Runtime p99 ms | PyTorch p50 ms | PyTorch p99 ms | PyTorch / ONNX (p50) |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (int s = 0; s < profiles[0].stageCount(); s++) {
            StageLatency onnx = profiles[0].stages().get(s).latencyOn("cpu");
            StageLatency torch = profiles[1].stages().get(s).latencyOn("cpu");
            out.printf(
                    Locale.ROOT,
                    "| %s | %.4f | %.4f | %.4f | %.4f | %.1f× |%n",
                    profiles[0].stages().get(s).id(),
                    onnx.p50Ms(),
                    onnx.p99Ms(),
                    torch.p50Ms(),
                    torch.p99Ms(),
                    torch.p50Ms() / onnx.p50Ms());
        }
    }
}
