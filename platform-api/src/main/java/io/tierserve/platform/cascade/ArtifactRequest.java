package io.tierserve.platform.cascade;

/**
 * A model file to attach to a stage.
 *
 * @param format {@code ONNX}, {@code TORCHSCRIPT} or {@code DJL}
 * @param engine {@code OnnxRuntime} or {@code PyTorch}
 * @param location where workers find it (for the bundled demo: {@code classpath:demo/fashion-mnist/exit1.onnx})
 * @param sha256 lower-case hex digest of the file, or {@code null}
 * @param sizeBytes its size, or {@code null}
 */
public record ArtifactRequest(String format, String engine, String location, String sha256, Long sizeBytes) {}
