package io.tierserve.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's five-minute walkthrough and {@code docs/examples/own-models.sh}, run as a reader runs
 * them: the walkthrough's shell blocks exactly as written (only the port, the password and the key
 * are this test platform's), with bash and curl, from the repository root, over real HTTP.
 */
@ApiTest
class WalkthroughTests {

    private static final Path ROOT = Path.of("..");

    @LocalServerPort
    int port;

    @Test
    void theReadmeWalkthroughRunsAsWritten() throws Exception {
        String script = readmeWalkthrough();
        assertThat(script).contains("PASSWORD=", "KEY=", "/v1/cascades/fashion-mnist/predict", "/v2/models/");

        String output = bash(script.replaceAll("(?m)^PASSWORD=.*$", "PASSWORD='" + ApiClient.ADMIN_PASSWORD + "'")
                .replaceAll("(?m)^KEY=.*$", "KEY='" + ApiClient.DEMO_API_KEY + "'")
                .replace("localhost:8080", "localhost:" + port));

        assertThat(output)
                .contains("\"name\":\"exact\"", "\"name\":\"within-1ms\"") // the tiers
                .contains("\"tier\":\"fast\"", "\"tier\":\"exact\"") // both predictions
                .contains("\"label\":\"Ankle boot\"")
                .contains("\"stageOutputs\"") // the request's audit
                .contains("\"model_name\":\"fashion-mnist\"") // /v2 infer
                .contains("\"preprocessing\"") // /v2 metadata
                .doesNotContain("\"status\":4", "\"status\":5"); // no problem detail anywhere
    }

    @Test
    void theOwnModelsScriptCreatesUploadsMeasuresAndPredicts() throws Exception {
        String cascade = ApiClient.uniqueName("mine");
        try {
            String output = bash("PASSWORD='" + ApiClient.ADMIN_PASSWORD + "' KEY='" + ApiClient.DEMO_API_KEY
                    + "' CASCADE=" + cascade + " docs/examples/own-models.sh http://localhost:" + port);

            assertThat(output)
                    .contains("\"inputShape\":[1,28,28]")
                    .contains("\"sizeBytes\"")
                    .contains("\"jobId\"")
                    .contains("job SUCCEEDED")
                    .contains("\"tier\":\"fast\"", "\"tier\":\"exact\"")
                    .contains("\"label\":\"");
        } finally {
            ApiClient.asAdmin(port).delete("/api/tenants/demo/cascades/" + cascade);
        }
    }

    /** The shell blocks of the README's walkthrough section, in order, as one script. */
    private static String readmeWalkthrough() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        List<String> script = new ArrayList<>();
        boolean inSection = false;
        boolean inBlock = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.contains("walkthrough");
                continue;
            }
            if (!inSection) {
                continue;
            }
            if (line.startsWith("```")) {
                inBlock = !inBlock && line.equals("```bash");
                continue;
            }
            if (inBlock) {
                script.add(line);
            }
        }
        return String.join("\n", script) + "\n";
    }

    /** Runs {@code script} with bash from the repository root; fails on a non-zero exit. */
    private static String bash(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
