package io.tierserve.benchmarks;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one 28×28 grayscale PNG (a Fashion-MNIST-sized image input) with ImageIO: from a plain
 * {@code InputStream}, which ImageIO caches in a temporary file by default (the baseline), against
 * an in-memory {@code MemoryCacheImageInputStream}, which the inference workers' input decoder uses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ImageDecodeBenchmark {

    private byte[] png;

    @Setup
    public void setUp() throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        SplittableRandom random = new SplittableRandom(7);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = random.nextInt(256);
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        png = out.toByteArray();
    }

    @Benchmark
    public BufferedImage inputStreamBaseline() throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Benchmark
    public BufferedImage memoryCacheStream() throws IOException {
        return ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(png)));
    }
}
