package io.tierserve.worker.cascade;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.EnumSet;

/**
 * One place that prepares DJL before any engine starts: offline mode (nothing to download here) and
 * the PyTorch thread counts, which must be set before the engine loads.
 */
public final class Engines {

    // set once by a worker started with --device-class gpu: stages then run on CUDA or not at all
    private static volatile boolean gpuRequired;

    private Engines() {}

    /**
     * Makes every stage loaded from now on run on the first GPU (ONNX Runtime's CUDA execution
     * provider), failing at once with a message that says what is missing when CUDA cannot run here.
     *
     * @throws IllegalStateException when this ONNX Runtime build has no CUDA execution provider or the
     *     provider does not load (no NVIDIA driver, no CUDA 12 libraries)
     */
    public static synchronized void requireGpu() {
        configure(1);
        OrtEnvironment.getEnvironment();
        EnumSet<ai.onnxruntime.OrtProvider> providers = OrtEnvironment.getAvailableProviders();
        if (!providers.contains(OrtProvider.CUDA)) {
            throw new IllegalStateException("--device-class gpu needs ONNX Runtime's CUDA execution provider, and this"
                    + " build has only " + providers + ": build the worker with -Pgpu (onnxruntime_gpu) and run it on"
                    + " a host with an NVIDIA driver and CUDA 12");
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.addCUDA(0);
        } catch (OrtException | RuntimeException | LinkageError e) {
            throw new IllegalStateException(
                    "--device-class gpu: ONNX Runtime's CUDA execution provider does not load"
                            + " here (" + e.getMessage()
                            + "); it needs an NVIDIA GPU, its driver and the CUDA 12 and cuDNN 9"
                            + " libraries",
                    e);
        }
        gpuRequired = true;
    }

    /**
     * Sets DJL's system properties unless the caller already set them.
     *
     * @param threads intra-op threads for PyTorch (1 for serving: stable tails; more for training)
     */
    public static synchronized void configure(int threads) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        // Pitfall: DJL's ONNX Runtime engine must create the OrtEnvironment before anything else does.
        Engine.getEngine(StageSpec.ONNX_RUNTIME);
    }

    /**
     * The device {@code manifest}'s stages run on: the first GPU when the worker requires one ({@link
     * #requireGpu()}); for a cascade with PyTorch stages, the first GPU when PyTorch sees one; else
     * the CPU. Only a cascade that has PyTorch stages starts DJL's PyTorch engine: ONNX Runtime
     * serves the others, and starting PyTorch would only load its natives (and log its CUDA probes).
     */
    public static Device device(CascadeManifest manifest) {
        if (gpuRequired) {
            return Device.gpu();
        }
        boolean pyTorch = manifest.stages().stream().anyMatch(stage -> StageSpec.PYTORCH.equals(stage.engine()));
        return pyTorch && Engine.getEngine(StageSpec.PYTORCH).getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** {@code gpu} or {@code cpu}: the device class profiles and policies of {@code manifest}'s stages are keyed by. */
    public static String deviceClass(CascadeManifest manifest) {
        return device(manifest).isGpu() ? "gpu" : "cpu";
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
