package io.tierserve.worker.cascade;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * One place that prepares DJL before any engine starts: offline mode (nothing to download here) and
 * the PyTorch thread counts, which must be set before the engine loads.
 */
public final class Engines {

    private Engines() {}

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

    /** The device stages run on: the first GPU when PyTorch sees one, else the CPU. */
    public static Device device() {
        return Engine.getEngine(StageSpec.PYTORCH).getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** {@code gpu} or {@code cpu}: the device class profiles and policies are keyed by. */
    public static String deviceClass() {
        return device().isGpu() ? "gpu" : "cpu";
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
