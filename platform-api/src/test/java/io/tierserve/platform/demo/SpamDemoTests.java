package io.tierserve.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.worker.training.SpamAssassin;
import io.tierserve.worker.training.SpamSample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The text demo: a fresh platform serves the {@code spam} cascade by text through {@code /v1} and
 * the Open Inference Protocol, accurately on held-out hard ham and spam, with {@code fast} running
 * fewer stages than {@code exact}, and refuses bad text with problem details.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpamDemoTests {

    private static final String V1 = "/v1/cascades/spam/predict";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private List<SpamAssassin.Message> sample;
    private List<JsonNode> exact;

    private ApiClient demo() {
        return ApiClient.withKey(port, ApiClient.DEMO_API_KEY);
    }

    private static String body(String tier, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("tier", tier);
        body.put("text", text);
        return body.toString();
    }

    @BeforeAll
    void classifyTheHeldOutSampleUnderExact() {
        sample = SpamSample.load();
        exact = new ArrayList<>();
        for (SpamAssassin.Message message : sample) {
            ApiClient.Response response = demo().post(V1, body("exact", message.text()));
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            exact.add(response.json());
        }
    }

    @Test
    void aFreshStartAnswersATextWithHamOrSpam() {
        ApiClient.Response response = demo().post(
                        V1,
                        body(
                                "exact",
                                "Subject: Re: build failure on the nightly\n\nThe nightly broke on the new parser"
                                        + " test; I reverted the change, it builds again."));
        assertThat(response.status()).isEqualTo(200);
        JsonNode answer = response.json();
        assertThat(answer.path("label").asString()).isIn("ham", "spam");
        assertThat(answer.path("tier").asString()).isEqualTo("exact");
        assertThat(answer.path("stagesRun").size()).isPositive();
        assertThat(answer.path("policyVersion").asInt()).isPositive();
    }

    @Test
    void exactIsAccurateOnHeldOutHardHamAndSpam() {
        int correct = 0;
        for (int i = 0; i < sample.size(); i++) {
            String label = exact.get(i).path("label").asString();
            assertThat(label).isIn("ham", "spam");
            correct += label.equals(SpamAssassin.LABELS.get(sample.get(i).label())) ? 1 : 0;
        }
        assertThat(sample.stream().filter(m -> m.label() == 0).count()).isEqualTo(40);
        assertThat(correct / (double) sample.size()).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void fastRunsNoMoreStagesThanExact() {
        int fastStages = 0;
        int exactStages = 0;
        for (int i = 0; i < sample.size(); i++) {
            ApiClient.Response fast = demo().post(V1, body("fast", sample.get(i).text()));
            assertThat(fast.status()).isEqualTo(200);
            fastStages += fast.json().path("stagesRun").size();
            exactStages += exact.get(i).path("stagesRun").size();
        }
        // on the committed profile every tier is served by the n-gram stage alone (it is as accurate
        // on the held-out half as the stacked e5 stage): fast never runs more than exact
        assertThat(fastStages).isPositive().isLessThanOrEqualTo(exactStages);
    }

    @Test
    void badTextIsABadRequestWithProblemDetails() throws Exception {
        List<String> bad = List.of(
                body("fast", "   "),
                body("fast", "x".repeat(100_001)),
                "{\"tier\":\"fast\",\"text\":\"half a pair \\ud800!\"}",
                "{\"tier\":\"fast\",\"text\":42}",
                "{\"tier\":\"fast\",\"text\":\"hi\",\"image\":\"aGk=\"}",
                "{\"tier\":\"fast\",\"image\":\"aGk=\"}",
                "{\"tier\":\"fast\",\"tensor\":{\"shape\":[1],\"data\":[1]}}");
        for (String json : bad) {
            ApiClient.Response response = demo().post(V1, json);
            String what = json.length() > 60 ? json.substring(0, 60) : json;
            assertThat(response.status()).as(what).isEqualTo(400);
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
            assertThat(response.json().path("detail").asString()).as(what).isNotBlank();
        }
        // not UTF-8: a Latin-1 byte where UTF-8 needs a sequence
        byte[] prefix = "{\"tier\":\"fast\",\"text\":\"caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] latin1 = new byte[prefix.length + 3];
        System.arraycopy(prefix, 0, latin1, 0, prefix.length);
        latin1[prefix.length] = (byte) 0xe9;
        latin1[prefix.length + 1] = '"';
        latin1[prefix.length + 2] = '}';
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + V1))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + ApiClient.DEMO_API_KEY)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        // a text to the image cascade is refused too
        ApiClient.Response toImages = demo().post("/v1/cascades/fashion-mnist/predict", body("fast", "hello"));
        assertThat(toImages.status()).isEqualTo(400);
        assertThat(toImages.json().path("detail").asString()).contains("not a text");
    }

    @Test
    void theOpenInferenceProtocolTakesTextsAsABytesInput() {
        JsonNode metadata = demo().get("/v2/models/spam").json();
        assertThat(metadata.path("inputs").get(0).path("datatype").asString()).isEqualTo("BYTES");
        assertThat(metadata.path("parameters").path("input_kind").asString()).isEqualTo("text");
        assertThat(metadata.path("parameters").path("labels").valueStream().map(JsonNode::asString))
                .containsExactly("ham", "spam");
        assertThat(metadata.path("parameters").has("preprocessing")).isFalse();
        assertThat(demo().get("/v2/models/fashion-mnist")
                        .json()
                        .path("parameters")
                        .path("input_kind")
                        .asString())
                .isEqualTo("image");

        ObjectNode request = JSON.createObjectNode();
        request.putObject("parameters").put("tier", "exact");
        ObjectNode input = request.putArray("inputs").addObject();
        input.put("name", "text").put("datatype", "BYTES");
        input.putArray("shape").add(2);
        ArrayNode data = input.putArray("data");
        data.add(sample.get(0).text());
        data.add(sample.get(sample.size() - 1).text());
        ApiClient.Response response = demo().post("/v2/models/spam/infer", request.toString());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode label = response.json().path("outputs").get(0);
        assertThat(label.path("name").asString()).isEqualTo("label");
        assertThat(label.path("data").valueStream().map(JsonNode::asString))
                .containsExactly(
                        exact.get(0).path("label").asString(),
                        exact.get(sample.size() - 1).path("label").asString());

        // numbers for a BYTES input, a shape that does not match, FP32 to the text cascade
        for (String bad : List.of(
                "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[1.5]}]}",
                "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[3],\"data\":[\"a\",\"b\"]}]}",
                "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"a\",1]}]}",
                "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[0.5]}]}")) {
            ApiClient.Response refused = demo().post("/v2/models/spam/infer", bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).as(bad).isNotBlank();
        }
    }

    @Test
    void theCascadeStatesItReadsText() {
        JsonNode cascade =
                ApiClient.asAdmin(port).get("/api/tenants/demo/cascades/spam").json();
        assertThat(cascade.path("inputKind").asString()).isEqualTo("text");
        assertThat(cascade.path("labels").valueStream().map(JsonNode::asString)).containsExactly("ham", "spam");
        assertThat(ApiClient.asAdmin(port)
                        .get("/api/tenants/demo/cascades/fashion-mnist")
                        .json()
                        .path("inputKind")
                        .asString())
                .isEqualTo("image");
    }
}
