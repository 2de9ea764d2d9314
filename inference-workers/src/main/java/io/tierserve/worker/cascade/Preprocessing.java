package io.tierserve.worker.cascade;

/**
 * How an image becomes the first stage's input: to grayscale, resized to {@code width × height},
 * pixels (0–255) times {@code scale}, then {@code (x − mean) / std}.
 */
public record Preprocessing(boolean grayscale, int width, int height, double scale, double mean, double std) {

    public Preprocessing {
        if (!grayscale) {
            throw new IllegalArgumentException("only grayscale preprocessing is supported");
        }
        if (width <= 0 || height <= 0 || !(std > 0) || !(scale > 0)) {
            throw new IllegalArgumentException("preprocessing needs positive width, height, scale and std");
        }
    }

    /** Fashion-MNIST's training-set statistics. */
    public static Preprocessing fashionMnist() {
        return new Preprocessing(true, 28, 28, 1.0 / 255, 0.2860, 0.3530);
    }

    /** Normalises raw pixel intensities (0–255, already {@code width × height}) into a new array. */
    public float[] normalise(float[] pixels) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = (float) ((pixels[i] * scale - mean) / std);
        }
        return out;
    }
}
