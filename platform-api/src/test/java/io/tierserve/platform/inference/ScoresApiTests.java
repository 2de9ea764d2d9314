package io.tierserve.platform.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.worker.training.FashionMnist;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every class's score, on request: {@code "scores": true} on {@code /v1}, the output {@code scores} on {@code /v2}. */
@ApiTest
class ScoresApiTests {

    private static final String V1 = "/v1/cascades/fashion-mnist/predict";
    private static final String V2_INFER = "/v2/models/fashion-mnist/infer";
    private static final FashionMnist SAMPLES = FashionMnist.demoSamples();

    @LocalServerPort
    int port;

    private ApiClient demo() {
        return ApiClient.withKey(port, ApiClient.DEMO_API_KEY);
    }

    private static String tensorData(int index) {
        float[] pixels = SAMPLES.image(index);
        StringJoiner data = new StringJoiner(",", "[", "]");
        for (float pixel : pixels) {
            data.add(Float.toString((float) ((pixel / 255.0 - 0.286) / 0.353)));
        }
        return data.toString();
    }

    private static String v2Request(int index, String outputs) {
        return ("{\"parameters\":{\"tier\":\"exact\"},\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,28,28],"
                        + "\"datatype\":\"FP32\",\"data\":%s}]%s}")
                .formatted(tensorData(index), outputs == null ? "" : ",\"outputs\":" + outputs);
    }

    @Test
    void v1AnswersWithEveryClassScoreOnlyWhenAskedAndTheyAgreeWithTheAnswer() {
        String tensor = "\"tier\":\"exact\",\"tensor\":{\"shape\":[1,28,28],\"data\":%s}".formatted(tensorData(3));
        ApiClient.Response plain = demo().post(V1, "{" + tensor + "}");
        ApiClient.Response scored = demo().post(V1, "{" + tensor + ",\"scores\":true}");

        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json().has("scores")).isFalse();
        assertThat(scored.status()).isEqualTo(200);
        JsonNode body = scored.json();
        JsonNode scores = body.path("scores");
        assertThat(scores.size()).isEqualTo(10);
        double sum = 0;
        int best = 0;
        for (int i = 0; i < scores.size(); i++) {
            assertThat(scores.get(i).path("classIndex").asInt()).isEqualTo(i);
            assertThat(scores.get(i).path("label").asString()).isNotBlank();
            sum += scores.get(i).path("score").asDouble();
            if (scores.get(i).path("score").asDouble()
                    > scores.get(best).path("score").asDouble()) {
                best = i;
            }
        }
        assertThat(sum).isCloseTo(1.0, within(1e-3));
        int answer = body.path("classIndex").asInt();
        assertThat(best).isEqualTo(answer);
        assertThat(scores.get(answer).path("label").asString())
                .isEqualTo(body.path("label").asString());
        assertThat(scores.get(answer).path("score").asDouble())
                .isCloseTo(body.path("confidence").asDouble(), within(1e-9));
    }

    @Test
    void v1BatchAnswersCarryScoresEach() {
        String input = "{\"tensor\":{\"shape\":[1,28,28],\"data\":%s}}";
        ApiClient.Response response = demo().post(
                        V1,
                        "{\"tier\":\"fast\",\"scores\":true,\"inputs\":[%s,%s]}"
                                .formatted(input.formatted(tensorData(0)), input.formatted(tensorData(1))));

        assertThat(response.status()).isEqualTo(200);
        response.json()
                .path("predictions")
                .forEach(answer -> assertThat(answer.path("scores").size()).isEqualTo(10));
    }

    @Test
    void v2ReturnsExactlyTheRequestedOutputsAndItsScoresMatchV1() {
        JsonNode v1 = demo().post(
                        V1,
                        "{\"tier\":\"exact\",\"scores\":true,\"tensor\":{\"shape\":[1,28,28],\"data\":%s}}"
                                .formatted(tensorData(5)))
                .json();
        ApiClient.Response v2 = demo().post(V2_INFER, v2Request(5, "[{\"name\":\"scores\"},{\"name\":\"label\"}]"));

        assertThat(v2.status()).isEqualTo(200);
        JsonNode outputs = v2.json().path("outputs");
        assertThat(outputs.size()).isEqualTo(2);
        JsonNode scores = outputs.get(0);
        assertThat(scores.path("name").asString()).isEqualTo("scores");
        assertThat(scores.path("datatype").asString()).isEqualTo("FP32");
        assertThat(scores.path("shape").get(0).asInt()).isEqualTo(1);
        assertThat(scores.path("shape").get(1).asInt()).isEqualTo(10);
        List<String> labels = new ArrayList<>();
        scores.path("parameters").path("labels").forEach(label -> labels.add(label.asString()));
        for (int i = 0; i < 10; i++) {
            JsonNode expected = v1.path("scores").get(i);
            assertThat(scores.path("data").get(i).asDouble())
                    .isCloseTo(expected.path("score").asDouble(), within(1e-9));
            assertThat(labels.get(i)).isEqualTo(expected.path("label").asString());
        }
        assertThat(outputs.get(1).path("name").asString()).isEqualTo("label");
        assertThat(outputs.get(1).path("data").get(0).asString())
                .isEqualTo(v1.path("label").asString());
    }

    @Test
    void v2WithoutRequestedOutputsLeavesScoresOutAndRefusesUnknownOutputs() {
        ApiClient.Response plain = demo().post(V2_INFER, v2Request(2, null));
        ApiClient.Response unknown = demo().post(V2_INFER, v2Request(2, "[{\"name\":\"logits\"}]"));

        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json()
                        .path("outputs")
                        .valueStream()
                        .map(o -> o.path("name").asString()))
                .containsExactly("label", "class_index", "confidence");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").asString()).contains("logits");
    }
}
