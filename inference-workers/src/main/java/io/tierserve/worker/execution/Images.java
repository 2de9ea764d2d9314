package io.tierserve.worker.execution;

import java.awt.image.BufferedImage;

/**
 * Grayscale conversion and resizing done by hand: Java2D treats {@code TYPE_BYTE_GRAY} as linear
 * gray, so letting it convert or redraw images would shift intensities by a gamma curve.
 */
final class Images {

    private Images() {}

    /**
     * Intensities 0–255, row-major: a one-band image's samples as they are, otherwise ITU-R BT.601
     * luma of the sRGB values, with transparency composited onto black (the data sets' background).
     */
    static float[] gray(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] out = new float[width * height];
        if (image.getRaster().getNumBands() == 1 && image.getSampleModel().getSampleSize(0) == 8) {
            image.getRaster().getSamples(0, 0, width, height, 0, out);
            return out;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                float alpha = ((argb >>> 24) & 0xFF) / 255f;
                float luma = 0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF) + 0.114f * (argb & 0xFF);
                out[y * width + x] = luma * alpha;
            }
        }
        return out;
    }

    /** Bilinear resize with pixel centres aligned (identity when the size does not change). */
    static float[] resize(float[] pixels, int width, int height, int targetWidth, int targetHeight) {
        if (width == targetWidth && height == targetHeight) {
            return pixels;
        }
        float[] out = new float[targetWidth * targetHeight];
        double sx = (double) width / targetWidth;
        double sy = (double) height / targetHeight;
        for (int y = 0; y < targetHeight; y++) {
            double fy = Math.max(0, Math.min(height - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(height - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < targetWidth; x++) {
                double fx = Math.max(0, Math.min(width - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(width - 1, x0 + 1);
                double wx = fx - x0;
                double top = pixels[y0 * width + x0] * (1 - wx) + pixels[y0 * width + x1] * wx;
                double bottom = pixels[y1 * width + x0] * (1 - wx) + pixels[y1 * width + x1] * wx;
                out[y * targetWidth + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return out;
    }
}
