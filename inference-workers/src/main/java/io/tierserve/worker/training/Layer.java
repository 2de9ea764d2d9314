package io.tierserve.worker.training;

/**
 * One layer of a stage's architecture; the same list builds the DJL block for training and the ONNX
 * graph for serving, so the two cannot drift apart.
 */
sealed interface Layer {

    /** 3×3-style convolution with square kernel, stride 1 and symmetric zero padding. */
    record Conv(int filters, int kernel, int padding) implements Layer {}

    /** Batch normalisation over channels (folded into the preceding convolution on export). */
    record BatchNorm(float epsilon) implements Layer {}

    /** Rectified linear unit. */
    record Relu() implements Layer {}

    /** Max pooling with a square window and stride equal to the window. */
    record MaxPool(int window) implements Layer {}

    /** Flattens everything but the batch axis. */
    record Flatten() implements Layer {}

    /** Fully connected layer. */
    record Dense(int units) implements Layer {}
}
