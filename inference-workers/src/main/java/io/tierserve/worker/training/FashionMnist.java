package io.tierserve.worker.training;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Labelled 28×28 grayscale images in the IDX format of (Fashion-)MNIST: raw pixels 0–255, row-major.
 *
 * @param pixels {@code count × rows × cols} bytes (unsigned)
 */
public record FashionMnist(byte[] pixels, int[] labels, int rows, int cols) {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the IDX files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The class names, in label order. */
    public static final List<String> LABELS = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final String SAMPLES = "demo/fashion-mnist-samples/";
    private static final int IMAGES_MAGIC = 0x803;
    private static final int LABELS_MAGIC = 0x801;

    /** Which half of the data set. */
    public enum Split {
        TRAIN("train"),
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    public int count() {
        return labels.length;
    }

    public int imageSize() {
        return rows * cols;
    }

    /** Loads up to {@code limit} samples of a split from a directory holding the gzipped IDX files. */
    public static FashionMnist load(Path dir, Split split, int limit) {
        Path images = dir.resolve(split.prefix + "-images-idx3-ubyte.gz");
        Path labels = dir.resolve(split.prefix + "-labels-idx1-ubyte.gz");
        if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
            throw new IllegalStateException(
                    "Fashion-MNIST not found under " + dir + " (apt-get install -y dataset-fashion-mnist)");
        }
        try (InputStream imageStream = Files.newInputStream(images);
                InputStream labelStream = Files.newInputStream(labels)) {
            return read(imageStream, labelStream, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Fashion-MNIST from " + dir, e);
        }
    }

    /** The first 200 test samples, committed as a resource so tests and demos need no package. */
    public static FashionMnist demoSamples() {
        ClassLoader loader = FashionMnist.class.getClassLoader();
        try (InputStream images = loader.getResourceAsStream(SAMPLES + "t10k-images-idx3-ubyte.gz");
                InputStream labels = loader.getResourceAsStream(SAMPLES + "t10k-labels-idx1-ubyte.gz")) {
            if (images == null || labels == null) {
                throw new IllegalStateException("the demo samples are missing from the classpath");
            }
            return read(images, labels, Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo samples", e);
        }
    }

    /** Reads gzipped IDX image and label streams (up to {@code limit} samples). */
    public static FashionMnist read(InputStream gzippedImages, InputStream gzippedLabels, int limit)
            throws IOException {
        try (DataInputStream images = new DataInputStream(new BufferedInputStream(new GZIPInputStream(gzippedImages)));
                DataInputStream labels =
                        new DataInputStream(new BufferedInputStream(new GZIPInputStream(gzippedLabels)))) {
            if (images.readInt() != IMAGES_MAGIC || labels.readInt() != LABELS_MAGIC) {
                throw new IOException("not an IDX image/label pair");
            }
            int imageCount = images.readInt();
            int labelCount = labels.readInt();
            if (imageCount != labelCount) {
                throw new IOException(imageCount + " images but " + labelCount + " labels");
            }
            int rows = images.readInt();
            int cols = images.readInt();
            int count = Math.min(imageCount, limit);
            byte[] pixels = new byte[count * rows * cols];
            images.readFully(pixels);
            byte[] rawLabels = new byte[count];
            labels.readFully(rawLabels);
            int[] result = new int[count];
            for (int i = 0; i < count; i++) {
                result[i] = rawLabels[i] & 0xFF;
            }
            return new FashionMnist(pixels, result, rows, cols);
        }
    }

    /** Sample {@code index}'s pixels as floats 0–255. */
    public float[] image(int index) {
        int size = imageSize();
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = pixels[index * size + i] & 0xFF;
        }
        return out;
    }
}
