package io.tierserve.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inputs built to hurt the worker: each is refused with a clear reason, and nothing is answered. */
class HostileInputTests {

    private static final String CASCADE = "fashion-mnist";
    private static final ScriptedPolicy FULL_MODEL = new ScriptedPolicy(3, new int[] {0, 1, 2}, 2);

    private static InferenceEngine engine;

    @BeforeAll
    static void load() {
        engine = InferenceEngine.withDemo();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void aPngDeclaringAHugeImageIsRefusedFromItsHeaderBeforeDecoding() throws Exception {
        String bomb = Base64.getEncoder().encodeToString(pngDeclaring(46_000, 46_000));

        assertThatThrownBy(() -> engine.execute(CASCADE, FULL_MODEL, InferenceInput.image(bomb)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("declares 46000×46000 pixels");
    }

    @Test
    void anImageWithinTheSideLimitButOverThePixelBoundIsRefused() throws Exception {
        String wide = Base64.getEncoder().encodeToString(pngDeclaring(4096, 4096));

        assertThatThrownBy(() -> engine.execute(CASCADE, FULL_MODEL, InferenceInput.image(wide)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("in all");
    }

    @Test
    void extremeFiniteValuesThatOverflowTheModelAreRefusedNotAnswered() {
        float[] extreme = new float[784];
        Arrays.fill(extreme, 3.4e38f);

        assertThatThrownBy(() ->
                        engine.execute(CASCADE, FULL_MODEL, InferenceInput.tensor(new long[] {1, 28, 28}, extreme)))
                .isInstanceOf(NonFiniteOutputException.class)
                .hasMessageContaining("non-finite");
    }

    @Test
    void anOrdinaryImageStillDecodes() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        assertThat(ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", png))
                .isTrue();

        Prediction p = engine.execute(
                CASCADE, FULL_MODEL, InferenceInput.image(Base64.getEncoder().encodeToString(png.toByteArray())));

        assertThat(p.label()).isBetween(0, 9);
    }

    /** A valid 1×1 PNG whose header (IHDR) claims {@code width}×{@code height}, with its CRC fixed. */
    private static byte[] pngDeclaring(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", out))
                .isTrue();
        byte[] png = out.toByteArray();
        // signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), 5 more bytes, CRC (4)
        ByteBuffer buffer = ByteBuffer.wrap(png);
        buffer.putInt(16, width);
        buffer.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return png;
    }
}
