package io.tierserve.platform.inference;

import io.tierserve.worker.training.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** The worker module's 200 committed Fashion-MNIST test images, as base64 PNG files a client would send. */
public final class TestImages {

    private static final FashionMnist SAMPLES = FashionMnist.demoSamples();

    private TestImages() {}

    public static int count() {
        return SAMPLES.count();
    }

    public static int label(int index) {
        return SAMPLES.labels()[index];
    }

    public static String png(int index) {
        BufferedImage image = new BufferedImage(SAMPLES.cols(), SAMPLES.rows(), BufferedImage.TYPE_BYTE_GRAY);
        float[] pixels = SAMPLES.image(index);
        int[] samples = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            samples[i] = (int) pixels[i];
        }
        image.getRaster().setSamples(0, 0, SAMPLES.cols(), SAMPLES.rows(), 0, samples);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
