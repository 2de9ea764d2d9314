package io.tierserve.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Serving the ONNX demo cascade starts ONNX Runtime and never DJL's PyTorch engine (its natives and
 * CUDA probes), although PyTorch is on the classpath for training and PyTorch stages. Checked in a
 * fresh JVM whose class loading is logged, since other tests in this JVM train with PyTorch.
 */
class EngineLoadingTests {

    /** Loads the demo cascade and answers one request through all three stages; prints the label. */
    public static void main(String[] args) throws IOException {
        String png = Base64.getEncoder()
                .encodeToString(Files.readAllBytes(Path.of("..", "docs", "examples", "ankle-boot.png")));
        try (InferenceEngine engine = InferenceEngine.withDemo()) {
            Prediction p = engine.execute(
                    "fashion-mnist", new ScriptedPolicy(3, new int[] {0, 1, 2}, 2), InferenceInput.image(png));
            System.out.println("answered " + p.labelName());
        }
    }

    @Test
    void servingTheOnnxDemoNeverLoadsThePyTorchEngine() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-Xlog:class+load=info",
                        "-cp",
                        System.getProperty("java.class.path"),
                        EngineLoadingTests.class.getName()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(tail(output)).isZero();
        assertThat(output).contains("answered Ankle boot");
        assertThat(output).contains("ai.onnxruntime.OrtSession ");
        assertThat(output.lines().filter(line -> line.contains("ai.djl.pytorch.engine.PtEngine ")))
                .as("PyTorch engine classes loaded")
                .isEmpty();
        assertThat(output.lines().filter(line -> line.contains("ai.djl.pytorch.jni.PyTorchLibrary ")))
                .isEmpty();
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }
}
