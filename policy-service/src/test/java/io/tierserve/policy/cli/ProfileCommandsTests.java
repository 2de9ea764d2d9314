package io.tierserve.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProfileCommandsTests {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PolicyCli.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void syntheticThenFrontierThenTiersRunEndToEnd() throws IOException {
        Path profile = dir.resolve("synthetic.json");
        Path tiers = dir.resolve("tiers.json");
        Files.writeString(tiers, "[{\"name\": \"fast\", \"latencyBudgetMs\": 0.3}, {\"name\": \"x\", \"mu\": 1}]");

        Run synthetic =
                run("synthetic", "--seed", "3", "--samples", "2000", "--stages", "4", "--out", profile.toString());
        Run csv = run("frontier", "--profile", profile.toString(), "--mu-points", "6");
        Run json = run("frontier", "--profile", profile.toString(), "--mu-points", "6", "--format", "json");
        Run resolved = run("tiers", "--profile", profile.toString(), "--tiers", tiers.toString());

        assertThat(synthetic.code()).isZero();
        assertThat(csv.code()).isZero();
        assertThat(csv.out()).startsWith("strategy,parameter,accuracy,").contains("\nrecall-optimal,mu=");
        assertThat(csv.out()).contains("\noracle,,");
        assertThat(json.out()).contains("\"fullCascadeLatencyMs\"").contains("\"strategy\" : \"patience\"");
        assertThat(resolved.code()).isZero();
        assertThat(resolved.out())
                .contains("\"name\" : \"fast\"")
                .contains("\"status\"")
                .contains("\"heldOut\"");
    }

    @Test
    void evaluateReplaysATierPolicyDocumentToItsReportedHeldOutAccuracy() throws IOException {
        Path profile = dir.resolve("synthetic.json");
        Path tiers = dir.resolve("tiers.json");
        Path policy = dir.resolve("policy.json");
        run("synthetic", "--seed", "3", "--samples", "2000", "--stages", "4", "--out", profile.toString());
        Files.writeString(tiers, "[{\"name\": \"x\", \"mu\": 0.3}]");
        String resolved = run("tiers", "--profile", profile.toString(), "--tiers", tiers.toString())
                .out();
        JsonNode tier = JsonMapper.builder().build().readTree(resolved).get(0);
        Files.writeString(policy, tier.get("first").toString());

        Run r = run("evaluate", "--profile", profile.toString(), "--policy", policy.toString(), "--seed", "1");

        assertThat(r.code()).as(r.err()).isZero();
        double accuracy =
                JsonMapper.builder().build().readTree(r.out()).get("accuracy").doubleValue();
        assertThat(accuracy).isEqualTo(tier.get("heldOut").get("accuracy").doubleValue());
    }

    @Test
    void anAgreementTierPolicyIsAVersionTwoDocumentThatEvaluateReplaysToItsHeldOutAccuracy() throws IOException {
        Path profile = dir.resolve("synthetic.json");
        Path tiers = dir.resolve("tiers.json");
        Path policy = dir.resolve("policy.json");
        run("synthetic", "--seed", "3", "--samples", "2000", "--stages", "4", "--out", profile.toString());
        Files.writeString(tiers, "[{\"name\": \"x\", \"mu\": 0.05}]");
        String resolved = run(
                        "tiers",
                        "--profile",
                        profile.toString(),
                        "--tiers",
                        tiers.toString(),
                        "--bins",
                        "8",
                        "--agreement")
                .out();
        JsonNode tier = JsonMapper.builder().build().readTree(resolved).get(0);
        Files.writeString(policy, tier.get("first").toString());

        Run r = run("evaluate", "--profile", profile.toString(), "--policy", policy.toString(), "--seed", "1");

        assertThat(tier.get("first").get("formatVersion").intValue()).isEqualTo(2);
        assertThat(tier.get("first").get("agreement").toString()).isEqualTo("[false,true,true,true]");
        assertThat(tier.get("first").get("losses").get(1).size()).isEqualTo(16);
        assertThat(r.code()).as(r.err()).isZero();
        double accuracy =
                JsonMapper.builder().build().readTree(r.out()).get("accuracy").doubleValue();
        assertThat(accuracy).isEqualTo(tier.get("heldOut").get("accuracy").doubleValue());
    }

    @Test
    void isotonicBinLossesChangeTheModelsPolicyAndCoverageSaysItUsedThem() throws IOException {
        Path profile = dir.resolve("synthetic.json");
        Path tiers = dir.resolve("tiers.json");
        run("synthetic", "--seed", "3", "--samples", "2000", "--stages", "4", "--out", profile.toString());
        Files.writeString(tiers, "[{\"name\": \"x\", \"mu\": 0.3}]");
        JsonMapper mapper = JsonMapper.builder().build();

        JsonNode plain = mapper.readTree(run("tiers", "--profile", profile.toString(), "--tiers", tiers.toString())
                        .out())
                .get(0);
        JsonNode isotonic = mapper.readTree(
                        run("tiers", "--profile", profile.toString(), "--tiers", tiers.toString(), "--isotonic")
                                .out())
                .get(0);
        Files.writeString(tiers, "[{\"name\": \"fast\", \"latencyBudgetMs\": 0.3}]");
        Run coverage = run(
                "coverage",
                "--profile",
                profile.toString(),
                "--tiers",
                tiers.toString(),
                "--splits",
                "1",
                "--isotonic");

        // 1000 fit samples in 32 bins per stage: sampling noise makes some rates rise with confidence
        assertThat(isotonic.get("first").get("losses"))
                .isNotEqualTo(plain.get("first").get("losses"));
        assertThat(plain.get("first").get("losses").size()).isEqualTo(4);
        assertThat(coverage.code()).as(coverage.err()).isZero();
        assertThat(coverage.out()).contains("isotonic bin losses").contains("| fast |");
    }

    @Test
    void convertTurnsTheCsvFormIntoAProfileTheOtherCommandsRead() throws IOException {
        Path stages = dir.resolve("stages.csv");
        Path samples = dir.resolve("samples.csv");
        Path profile = dir.resolve("converted.json");
        Files.writeString(stages, "stage,parent,deviceClass,meanMs,p50Ms,p99Ms\ns1,,cpu,1,1,2\ns2,s1,cpu,2,2,4\n");
        StringBuilder rows = new StringBuilder("sample,label,stage,prediction,confidence\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i)
                    .append(",1,s1,")
                    .append(i % 3 == 0 ? 0 : 1)
                    .append(",")
                    .append(0.5 + i / 100.0)
                    .append("\n");
            rows.append(i).append(",1,s2,1,0.9\n");
        }
        Files.writeString(samples, rows);

        Run converted = run(
                "convert",
                "--stages-csv",
                stages.toString(),
                "--samples-csv",
                samples.toString(),
                "--cascade",
                "tiny",
                "--out",
                profile.toString());
        Run frontier = run("frontier", "--profile", profile.toString(), "--mu-points", "4");

        assertThat(converted.code()).as(converted.err()).isZero();
        assertThat(converted.out()).contains("wrote 40 samples of 2 stages");
        assertThat(frontier.code()).as(frontier.err()).isZero();
        assertThat(frontier.out()).contains("single-stage,stage=s2,1.00000");
    }

    @Test
    void anInvalidProfileExitsWithCodeTwoAndNamesTheProblem() throws IOException {
        Path profile = dir.resolve("bad.json");
        Files.writeString(profile, "{\"formatVersion\": 2}");

        Run r = run("frontier", "--profile", profile.toString());

        assertThat(r.code()).isEqualTo(PolicyCli.INVALID_INPUT);
        assertThat(r.err()).contains("invalid input").contains("cascade must be a string");
    }

    @Test
    void anUnknownFormatExitsWithCodeTwo() throws IOException {
        Path profile = dir.resolve("synthetic.json");
        run("synthetic", "--seed", "3", "--samples", "100", "--stages", "4", "--out", profile.toString());

        Run r = run("frontier", "--profile", profile.toString(), "--format", "xml");

        assertThat(r.code()).isEqualTo(PolicyCli.INVALID_INPUT);
        assertThat(r.err()).contains("--format must be csv, json or markdown");
    }

    @Test
    void invalidTiersExitWithCodeTwo() throws IOException {
        Path profile = dir.resolve("synthetic.json");
        Path tiers = dir.resolve("tiers.json");
        run("synthetic", "--seed", "3", "--samples", "100", "--stages", "4", "--out", profile.toString());
        Files.writeString(tiers, "[{\"name\": \"x\"}]");

        Run r = run("tiers", "--profile", profile.toString(), "--tiers", tiers.toString());

        assertThat(r.code()).isEqualTo(PolicyCli.INVALID_INPUT);
        assertThat(r.err()).contains("exactly one of");
    }

    @Test
    void aMissingProfileFileIsInvalidInput() {
        Run r = run("frontier", "--profile", dir.resolve("absent.json").toString());

        assertThat(r.code()).isEqualTo(PolicyCli.INVALID_INPUT);
        assertThat(r.err()).contains("--profile: no readable file").contains("absent.json");
    }
}
