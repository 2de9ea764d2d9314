package io.tierserve.worker.execution;

import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.InputKind;
import io.tierserve.worker.cascade.Preprocessing;
import io.tierserve.worker.cascade.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Turns an {@link InferenceInput} into the first stage's input tensor, or says clearly why not. */
final class InputDecoder {

    private static final int MAX_IMAGE_BYTES = 8 * 1024 * 1024;
    private static final int MAX_SIDE = 4096;
    /** Decoded pixels at most (2048² or 4096×1024): 4 MiB as grey bytes, 16 MiB as ARGB. */
    private static final long MAX_PIXELS = 1L << 22;

    private InputDecoder() {}

    /** Loads ImageIO's readers once (the first decode otherwise costs tens of milliseconds). */
    static void warmUp() {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", png);
            ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("image decoding does not work", e);
        }
    }

    static Tensor decode(InferenceInput input, CascadeManifest manifest) {
        boolean text = manifest.inputKind() == InputKind.TEXT;
        if (input instanceof InferenceInput.Text t) {
            if (!text) {
                throw InvalidInputException.of("cascade " + manifest.name() + " reads an " + manifest.input()
                        + (manifest.inputKind() == InputKind.IMAGE ? " or a tensor" : "") + ", not a text");
            }
            return fromText(t.text());
        }
        if (text) {
            throw InvalidInputException.of("cascade " + manifest.name() + " reads a text");
        }
        if (input instanceof InferenceInput.Image image) {
            if (manifest.inputKind() != InputKind.IMAGE) {
                throw InvalidInputException.of("cascade " + manifest.name() + " reads a tensor, not an image");
            }
            return fromImage(image.base64(), manifest);
        } else if (input instanceof InferenceInput.Raw raw) {
            return fromRaw(raw, manifest);
        }
        throw InvalidInputException.of("no input");
    }

    /**
     * A text as every stage of a text cascade reads it: at most {@link TextLimits#MAX_CHARS} characters,
     * well-formed Unicode (no unpaired surrogate, so that it is valid UTF-8), not blank.
     */
    private static Tensor fromText(String text) {
        String problem = TextLimits.problem(text);
        if (problem != null) {
            throw InvalidInputException.of(problem);
        }
        return Tensor.ofText(text);
    }

    private static Tensor fromImage(String base64, CascadeManifest manifest) {
        if (base64 == null || base64.isEmpty()) {
            throw InvalidInputException.of("the image is empty");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("the image is not valid base64", e);
        }
        if (bytes.length > MAX_IMAGE_BYTES) {
            throw InvalidInputException.of("the image is larger than " + MAX_IMAGE_BYTES + " bytes");
        }
        BufferedImage decoded = read(bytes);
        Preprocessing prep = manifest.preprocessing();
        float[] pixels = Images.resize(
                Images.gray(decoded), decoded.getWidth(), decoded.getHeight(), prep.width(), prep.height());
        float[] data = prep.normalise(pixels);
        return new Tensor(data, batched(manifest.inputShape()));
    }

    /**
     * Decodes an image after reading its header: the dimensions it declares are checked before any
     * pixel is allocated, so a small file that declares a huge image (a decompression bomb) costs a
     * header read, not gigabytes.
     */
    private static BufferedImage read(byte[] bytes) {
        // An in-memory stream: ImageIO's stream cache would otherwise go through a temporary file,
        // which made a 28×28 PNG cost ~135 µs to decode instead of ~14 µs.
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw InvalidInputException.of("the image cannot be decoded (PNG or JPEG expected)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                    throw InvalidInputException.of("the image declares " + width + "×" + height + " pixels; at most "
                            + MAX_SIDE + " on a side and " + MAX_PIXELS + " in all are decoded");
                }
                BufferedImage decoded = reader.read(0);
                if (decoded == null) {
                    throw InvalidInputException.of("the image cannot be decoded (PNG or JPEG expected)");
                }
                return decoded;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw InvalidInputException.of("the image cannot be decoded (PNG or JPEG expected)", e);
        }
    }

    private static Tensor fromRaw(InferenceInput.Raw raw, CascadeManifest manifest) {
        long[] expected = batched(manifest.inputShape());
        long[] shape = raw.shape();
        if (shape == null || raw.data() == null) {
            throw InvalidInputException.of("a tensor input needs a shape and data");
        }
        if (shape.length == expected.length - 1) {
            long[] withBatch = new long[expected.length];
            withBatch[0] = 1;
            System.arraycopy(shape, 0, withBatch, 1, shape.length);
            shape = withBatch;
        }
        if (!Arrays.equals(shape, expected)) {
            throw InvalidInputException.of("the tensor's shape is " + Arrays.toString(raw.shape()) + "; cascade "
                    + manifest.name() + " expects " + manifest.inputShape());
        }
        if (raw.data().length != manifest.inputSize()) {
            throw InvalidInputException.of(
                    "the tensor has " + raw.data().length + " values; its shape needs " + manifest.inputSize());
        }
        float[] data = raw.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw InvalidInputException.of("the tensor holds a non-finite value (" + data[i] + ") at index " + i);
            }
        }
        return new Tensor(data.clone(), shape);
    }

    private static long[] batched(List<Integer> inputShape) {
        long[] shape = new long[inputShape.size() + 1];
        shape[0] = 1;
        for (int i = 0; i < inputShape.size(); i++) {
            shape[i + 1] = inputShape.get(i);
        }
        return shape;
    }
}
