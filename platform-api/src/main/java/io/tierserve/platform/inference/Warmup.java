package io.tierserve.platform.inference;

import io.tierserve.policy.baseline.CascadePaths;
import io.tierserve.policy.baseline.SingleStagePolicy;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.InputKind;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.execution.InferenceInput;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Runs a cascade's every stage on a synthetic image (a text cascade: a short text) many times at start.
 *
 * <p>Without it the first requests pay for class loading, the JIT and ONNX Runtime's first runs
 * (the first request took 50–125 ms here, a warm one ~1 ms), and a tight tier such as
 * {@code within-1ms} would hit its deadline on requests that are merely early.
 */
final class Warmup {

    // a text cascade's warm-up input: a short message, so warming up costs little
    private static final String TEXT = "Subject: Meeting notes\n\nHi all, the notes from today's meeting are attached."
            + " Let me know if anything is missing before Friday. Thanks!";

    private Warmup() {}

    static void run(InferenceEngine engine, String cascade, int requests) {
        CascadeManifest manifest = engine.manifest(cascade);
        int[] path = CascadePaths.deepestPath(manifest.parents());
        SingleStagePolicy everyStage = new SingleStagePolicy(manifest.stages().size(), path, path.length - 1, null);
        InferenceInput input = manifest.inputKind() == InputKind.TEXT
                ? new InferenceInput.Text(TEXT)
                : new InferenceInput.Image(png(
                        manifest.preprocessing().width(),
                        manifest.preprocessing().height()));
        for (int i = 0; i < requests; i++) {
            engine.execute(cascade, everyStage, input);
        }
    }

    private static String png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x * 7 + y * 13) % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
