package io.tierserve.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.execution.PolicyDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PolicyCliTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void solvePrintsTheGoldenRecallCost() throws IOException {
        JsonNode output = solveResource("/golden-line.json");
        assertThat(output.get("expectedCost").doubleValue()).isCloseTo(0.5196, within(1e-9));
        assertThat(output.get("policy").get("kind").stringValue()).isEqualTo("recall-index");
        assertThat(output.get("policy").get("thresholds").toString()).isEqualTo("[[-1],[0,0,1],[0,1,1]]");
        assertThat(output.get("policy").get("stageIds").toString()).isEqualTo("[\"exit1\",\"exit2\",\"exit3\"]");
        PolicyDocument.read(output.get("policy").toString()).toPolicy();
    }

    @Test
    void solvePrintsTheGoldenNoRecallCost() throws IOException {
        JsonNode output = solveResource("/golden-line-no-recall.json");
        assertThat(output.get("expectedCost").doubleValue()).isCloseTo(0.5396, within(1e-9));
        assertThat(output.get("policy").get("kind").stringValue()).isEqualTo("no-recall");
    }

    @Test
    void solveAcceptsSkipEdges() throws IOException {
        String golden = resource("/golden-line.json");
        String withSkip = golden.substring(0, golden.lastIndexOf('}'))
                + ", \"skips\": [{\"from\": null, \"to\": \"exit3\", \"cost\": 0.3}]}";
        JsonNode output = solve(withSkip);
        assertThat(output.get("policy").get("kind").stringValue()).isEqualTo("recall-skip-table");
        assertThat(output.get("expectedCost").doubleValue()).isLessThanOrEqualTo(0.5196 + 1e-12);
    }

    @Test
    void nodesMayBeListedInAnyOrder() throws IOException {
        String golden = resource("/golden-line.json");
        String[] lines = golden.split("\n");
        String reordered = String.join(
                "\n",
                lines[0],
                lines[1],
                lines[2],
                lines[3],
                lines[6].replace("]]}", "]]},"),
                lines[5],
                lines[4].replace("]},", "]}"),
                lines[7],
                lines[8]);
        assertThat(solve(reordered).get("expectedCost").doubleValue()).isCloseTo(0.5196, within(1e-9));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{bad json| malformed JSON",
                "{\"recall\": true, \"grid\": [0.1], \"nodes\": [{\"id\": \"a\", \"parent\": null, \"cost\": 0, \"dist\": [0.5]}]}| sums to 0.5",
                "{\"recall\": true, \"grid\": [0.1, 0.2], \"nodes\": [{\"id\": \"a\", \"parent\": null, \"cost\": 0, \"dist\": [1]}]}| must have 2 entries",
                "{\"recall\": true, \"grid\": [0.1], \"nodes\": [{\"id\": \"a\", \"parent\": \"b\", \"cost\": 0, \"transition\": [[1]]}, {\"id\": \"b\", \"parent\": \"a\", \"cost\": 0, \"transition\": [[1]]}]}| cycle",
                "{\"recall\": true, \"grid\": [0.1], \"nodes\": [{\"id\": \"a\", \"parent\": \"zz\", \"cost\": 0}]}| unknown parent id 'zz'",
                "{\"recall\": true, \"grid\": [0.1], \"nodes\": [{\"id\": \"a\", \"parent\": null, \"cost\": -1, \"dist\": [1]}]}| must be >= 0",
                "{\"recall\": true, \"grid\": [0.2, 0.1], \"nodes\": []}| strictly ascending",
                "{\"recall\": true, \"grid\": [0.1, 0.2], \"nodes\": [{\"id\": \"a\", \"parent\": null, \"cost\": 0, \"dist\": [1, 0]}, {\"id\": \"b\", \"parent\": \"a\", \"cost\": 0, \"transition\": [[1, 0]]}]}| needs 2 rows",
                "{\"grid\": [0.1], \"nodes\": []}| recall",
                "{\"recall\": false, \"grid\": [0.1], \"nodes\": [{\"id\": \"a\", \"parent\": null, \"cost\": 0, \"dist\": [1]}, {\"id\": \"b\", \"parent\": null, \"cost\": 0, \"dist\": [1]}]}| must be a line"
            })
    void invalidInputExitsWithCodeTwoAndOneMessage(String input, String message) {
        int code = run(input, "solve");
        assertThat(code).isEqualTo(2);
        String error = err.toString(StandardCharsets.UTF_8);
        assertThat(error).contains(message).doesNotContain("Exception", "\tat ");
        assertThat(error.strip().lines()).hasSize(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpListsTheSolveSubcommand() {
        assertThat(run("", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("solve");
    }

    @Test
    void aMissingSubcommandIsAUsageError() {
        assertThat(run("")).isEqualTo(2);
    }

    private JsonNode solveResource(String name) throws IOException {
        return solve(resource(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"solve", "synthetic", "frontier", "tiers", "coverage", "evaluate", "convert", "serve"})
    void everyCommandsHelpPrintsWithoutAFormatWarning(String command) {
        PrintStream systemErr = System.err;
        ByteArrayOutputStream tracer = new ByteArrayOutputStream();
        int code;
        // picocli reports a description it cannot format on System.err, not on the command's stream
        System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
        try {
            code = run("", command, "--help");
        } finally {
            System.setErr(systemErr);
        }

        assertThat(code).isZero();
        assertThat(tracer.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                .isEmpty();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: policy-service " + command).doesNotContain("%%");
        if (command.equals("evaluate") || command.equals("frontier")) {
            assertThat(help).contains("95% ");
        }
    }

    private JsonNode solve(String input) {
        int code = run(input, "solve");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private int run(String input, String... args) {
        InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        return PolicyCli.run(
                args,
                in,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PolicyCliTests.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
