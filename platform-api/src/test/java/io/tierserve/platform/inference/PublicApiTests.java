package io.tierserve.platform.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.worker.training.FashionMnist;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiTest
class PublicApiTests {

    private static final String V1 = "/v1/cascades/fashion-mnist/predict";
    private static final String V2 = "/v2/models/fashion-mnist";
    private static final FashionMnist SAMPLES = FashionMnist.demoSamples();

    @LocalServerPort
    int port;

    private ApiClient demo() {
        return ApiClient.withKey(port, ApiClient.DEMO_API_KEY);
    }

    /** Sample {@code index} normalised as the demo manifest says, as JSON numbers. */
    private static String tensorData(int index) {
        float[] pixels = SAMPLES.image(index);
        StringJoiner data = new StringJoiner(",", "[", "]");
        for (float pixel : pixels) {
            data.add(Float.toString((float) ((pixel / 255.0 - 0.286) / 0.353)));
        }
        return data.toString();
    }

    private static String v1Tensor(String tier, int index) {
        return "{\"tier\":\"%s\",\"tensor\":{\"shape\":[1,28,28],\"data\":%s}}".formatted(tier, tensorData(index));
    }

    @Test
    void aPredictionWithTheDemoKeyAnswersWithItsTraceAndRequestIdHeader() {
        ApiClient.Response response =
                demo().post(V1, "{\"tier\":\"balanced\",\"image\":\"%s\"}".formatted(TestImages.png(0)));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("tier").asString()).isEqualTo("balanced");
        assertThat(body.path("label").asString()).isNotBlank();
        assertThat(body.path("policyVersion").asInt()).isPositive();
        assertThat(body.path("stagesRun").size()).isPositive();
        assertThat(response.headers().getFirst("X-Request-Id"))
                .isEqualTo(body.path("requestId").asString());
    }

    @Test
    void theTierComesFromTheBodyThenTheHeaderThenTheDefault() {
        String image = TestImages.png(1);
        ApiClient.Response fromHeader =
                demo().header("X-Tolerance-Tier", "fast").post(V1, "{\"image\":\"%s\"}".formatted(image));
        ApiClient.Response bodyWins = demo().header("X-Tolerance-Tier", "fast")
                .post(V1, "{\"tier\":\"exact\",\"image\":\"%s\"}".formatted(image));
        ApiClient.Response byDefault = demo().post(V1, "{\"image\":\"%s\"}".formatted(image));

        assertThat(fromHeader.json().path("tier").asString()).isEqualTo("fast");
        assertThat(bodyWins.json().path("tier").asString()).isEqualTo("exact");
        String defaultTier = ApiClient.asAdmin(port)
                .get("/api/tenants/demo/tiers")
                .json()
                .path("content")
                .valueStream()
                .filter(tier -> tier.path("defaultTier").asBoolean())
                .map(tier -> tier.path("name").asString())
                .findFirst()
                .orElseThrow();
        assertThat(byDefault.json().path("tier").asString()).isEqualTo(defaultTier);
    }

    @Test
    void aBatchAnswersEveryInputInOrder() {
        String body = "{\"tier\":\"exact\",\"inputs\":[{\"image\":\"%s\"},{\"image\":\"%s\"},{\"image\":\"%s\"}]}"
                .formatted(TestImages.png(0), TestImages.png(1), TestImages.png(2));

        ApiClient.Response response = demo().post(V1, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("predictions").size()).isEqualTo(3);
        assertThat(response.headers().getFirst("X-Request-Id").split(",")).hasSize(3);
    }

    @Test
    void theSameRequestThroughV2AndV1GivesTheSameAnswer() {
        for (int i = 0; i < 5; i++) {
            JsonNode v1 = demo().post(V1, v1Tensor("exact", i)).json();
            ApiClient.Response v2 = demo().post(
                            V2 + "/infer",
                            "{\"id\":\"r%d\",\"parameters\":{\"tier\":\"exact\"},\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,28,28],\"datatype\":\"FP32\",\"data\":%s}]}"
                                    .formatted(i, tensorData(i)));

            assertThat(v2.status()).isEqualTo(200);
            JsonNode outputs = v2.json().path("outputs");
            assertThat(v2.json().path("model_name").asString()).isEqualTo("fashion-mnist");
            assertThat(v2.json().path("id").asString()).isEqualTo("r" + i);
            assertThat(outputs.get(0).path("name").asString()).isEqualTo("label");
            assertThat(outputs.get(0).path("data").get(0).asString())
                    .isEqualTo(v1.path("label").asString());
            assertThat(outputs.get(1).path("data").get(0).asInt())
                    .isEqualTo(v1.path("classIndex").asInt());
            assertThat(outputs.get(2).path("data").get(0).asDouble())
                    .isEqualTo(v1.path("confidence").asDouble());
            JsonNode trace = v2.json().path("parameters").path("trace").get(0);
            assertThat(trace.path("stagesRun")).isEqualTo(v1.path("stagesRun"));
            assertThat(trace.path("policyVersion").asInt())
                    .isEqualTo(v1.path("policyVersion").asInt());
        }
    }

    @Test
    void openInferenceProtocolMetadataAndHealthAnswer() {
        ApiClient anonymous = ApiClient.as(port, null, null);
        assertThat(anonymous.get("/v2/health/live").status()).isEqualTo(200);
        assertThat(anonymous.get("/v2/health/ready").status()).isEqualTo(200);
        assertThat(anonymous.get("/v2").json().path("name").asString()).isEqualTo("tierserve");

        JsonNode model = demo().get(V2).json();
        assertThat(model.path("name").asString()).isEqualTo("fashion-mnist");
        assertThat(model.path("platform").asString()).isNotBlank();
        assertThat(model.path("inputs").get(0).path("datatype").asString()).isEqualTo("FP32");
        List<String> tiers = new ArrayList<>();
        model.path("parameters").path("tiers").forEach(tier -> tiers.add(tier.asString()));
        assertThat(tiers).contains("exact", "balanced", "fast");
        assertThat(demo().get(V2 + "/ready").status()).isEqualTo(200);
        assertThat(anonymous.get(V2).status()).isEqualTo(401);
    }

    @Test
    void v2MetadataStatesHowAnImageBecomesTheInputTensorAndTheClassNames() {
        JsonNode parameters = demo().get(V2).json().path("parameters");

        JsonNode preprocessing = parameters.path("preprocessing");
        assertThat(preprocessing.path("grayscale").asBoolean()).isTrue();
        assertThat(preprocessing.path("width").asInt()).isEqualTo(28);
        assertThat(preprocessing.path("height").asInt()).isEqualTo(28);
        assertThat(preprocessing.path("scale").asDouble()).isEqualTo(1 / 255.0);
        assertThat(preprocessing.path("mean").asDouble()).isEqualTo(0.286);
        assertThat(preprocessing.path("std").asDouble()).isEqualTo(0.353);
        assertThat(preprocessing.path("formula").asString()).contains("(p * scale - mean) / std");
        assertThat(parameters.path("labels").size()).isEqualTo(10);
        assertThat(parameters.path("labels").get(9).asString()).isEqualTo("Ankle boot");
    }

    @Test
    void theCommittedV2ExampleBodyAnswersLikeItsImageOnV1() throws Exception {
        String body =
                java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "examples", "ankle-boot-v2.json"));
        String png = java.util.Base64.getEncoder()
                .encodeToString(java.nio.file.Files.readAllBytes(
                        java.nio.file.Path.of("..", "docs", "examples", "ankle-boot.png")));

        ApiClient.Response v2 = demo().post(V2 + "/infer", body);
        JsonNode v1 = demo().post(V1, "{\"tier\":\"exact\",\"image\":\"%s\"}".formatted(png))
                .json();

        assertThat(v2.status()).isEqualTo(200);
        JsonNode outputs = v2.json().path("outputs");
        assertThat(outputs.get(0).path("data").get(0).asString()).isEqualTo("Ankle boot");
        assertThat(v1.path("label").asString()).isEqualTo("Ankle boot");
        assertThat(outputs.get(2).path("data").get(0).asDouble())
                .isCloseTo(v1.path("confidence").asDouble(), org.assertj.core.api.Assertions.within(1e-4));
        assertThat(v2.json().path("parameters").path("tier").asString()).isEqualTo("exact");
    }

    @Test
    void aCascadeThatCannotServeSaysWhatItLacks() {
        ApiClient admin = ApiClient.asAdmin(port);
        String name = ApiClient.uniqueName("mnist");
        String path = "/api/tenants/demo/cascades/" + name;
        String stages = "\"stages\":[{\"name\":\"exit-1\"},{\"name\":\"exit-2\",\"parent\":\"exit-1\"}]";
        assertThat(admin.post("/api/tenants/demo/cascades", "{\"name\":\"%s\",%s}".formatted(name, stages))
                        .status())
                .isEqualTo(201);
        String body = "{\"tier\":\"fast\",\"image\":\"%s\"}".formatted(TestImages.png(0));
        try {
            ApiClient.Response bare = demo().post("/v1/cascades/" + name + "/predict", body);

            assertThat(bare.status()).as(bare.text()).isEqualTo(409);
            assertThat(bare.json().path("detail").asString())
                    .contains("cannot serve tier 'fast'")
                    .contains("a model for stages exit-1, exit-2")
                    .contains("after stating the models' inputShape and labels")
                    .contains("a profile (POST " + path + "/profiles/measure")
                    .contains("an active policy for tier 'fast' on device class 'cpu'");

            // with the input fields stated, models and a profile are what it lacks
            assertThat(admin.put(
                                    path,
                                    "{\"name\":\"%s\",%s,\"inputShape\":[1,28,28],\"labels\":[\"a\",\"b\"]}"
                                            .formatted(name, stages))
                            .status())
                    .isEqualTo(200);
            String detail = demo().post("/v1/cascades/" + name + "/predict", body)
                    .json()
                    .path("detail")
                    .asString();
            assertThat(detail)
                    .contains("a model for stages exit-1, exit-2 (PUT " + path + "/stages/{stage}/model")
                    .doesNotContain("inputShape")
                    .contains("a profile");
            // on /v2 the same words are the error
            assertThat(demo().post(
                                    "/v2/models/" + name + "/infer",
                                    "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,28,28],\"datatype\":\"FP32\",\"data\":%s}]}"
                                            .formatted(tensorData(0)))
                            .json()
                            .path("error")
                            .asString())
                    .contains("a model for stages exit-1, exit-2");
        } finally {
            admin.delete(path);
        }
    }

    @Test
    void v2ErrorsCarryAStringErrorField() {
        ApiClient.Response unknownModel = demo().get("/v2/models/no-such-model");
        ApiClient.Response malformed = demo().post(V2 + "/infer", "{not json");

        assertThat(unknownModel.status()).isEqualTo(404);
        assertThat(unknownModel.json().path("error").isString()).isTrue();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").isString()).isTrue();
    }

    @Test
    void inputLimitsAnswerWithProblemDetails() {
        StringJoiner many = new StringJoiner(",", "{\"inputs\":[", "]}");
        for (int i = 0; i < PublicPredictions.MAX_BATCH + 1; i++) {
            many.add("{\"image\":\"x\"}");
        }
        ApiClient.Response tooMany = demo().post(V1, many.toString());
        ApiClient.Response malformed = demo().post(V1, "{\"tier\":");
        ApiClient.Response wrongShape =
                demo().post(V1, "{\"tier\":\"exact\",\"tensor\":{\"shape\":[2,2],\"data\":[1,2,3,4]}}");
        ApiClient.Response unknownCascade = demo().post("/v1/cascades/nope/predict", v1Tensor("exact", 0));
        ApiClient.Response unknownTier = demo().post(V1, v1Tensor("platinum", 0));

        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(wrongShape.status()).isEqualTo(400);
        assertThat(unknownCascade.status()).isEqualTo(404);
        assertThat(unknownTier.status()).isEqualTo(400);
        assertThat(unknownTier.json().path("detail").asString()).contains("exact", "balanced", "fast");
        for (ApiClient.Response response : List.of(tooMany, malformed, wrongShape, unknownCascade, unknownTier)) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void theRequestIdLeadsToThePolicyVersionAndStagesThatAnsweredIt() {
        JsonNode answer = demo().post(V1, v1Tensor("balanced", 3)).json();

        JsonNode trace = ApiClient.asAdmin(port)
                .get("/api/tenants/demo/requests/" + answer.path("requestId").asString())
                .json();

        assertThat(trace.path("policyVersion").asInt())
                .isEqualTo(answer.path("policyVersion").asInt());
        assertThat(trace.path("stagesRun")).isEqualTo(answer.path("stagesRun"));
        assertThat(trace.path("answeredBy").asString())
                .isEqualTo(answer.path("answeredBy").asString());
        assertThat(trace.path("tier").asString()).isEqualTo("balanced");
        JsonNode lastRun = answer.path("stages").get(answer.path("stages").size() - 1);
        JsonNode lastTraced =
                trace.path("stageOutputs").get(trace.path("stageOutputs").size() - 1);
        assertThat(trace.path("stageOutputs").size())
                .isEqualTo(answer.path("stages").size());
        assertThat(lastTraced.path("classIndex").asInt())
                .isEqualTo(lastRun.path("classIndex").asInt());
        assertThat(lastTraced.path("confidence").asDouble())
                .isEqualTo(lastRun.path("confidence").asDouble());
    }

    @Test
    void usageIsMeteredPerTierAndCascadeAndExposedToPrometheus() {
        demo().post(V1, v1Tensor("fast", 4));

        ApiClient.Response usage = ApiClient.asAdmin(port).get("/api/tenants/demo/usage");
        ApiClient.Response metrics =
                ApiClient.withKey(port, ApiClient.SCRAPE_TOKEN).get("/actuator/prometheus");

        List<String> tiers = new ArrayList<>();
        usage.json()
                .forEach(row -> tiers.add(
                        row.path("tier").asString() + "/" + row.path("cascade").asString()));
        assertThat(tiers).contains("fast/fashion-mnist");
        assertThat(metrics.text()).contains("tierserve_requests_total{").contains("tier=\"fast\"");
        assertThat(metrics.text()).contains("tierserve_request_latency_seconds_bucket");
    }

    @Test
    void aKeyOfAnotherTenantNeverReachesTheDemoCascade() {
        ApiClient admin = ApiClient.asAdmin(port);
        String other = ApiClient.uniqueName("other");
        admin.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Other\"}".formatted(other));
        admin.post(
                "/api/tenants/" + other + "/tiers",
                "{\"name\":\"exact\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0,\"defaultTier\":true}");
        String key = admin.post("/api/tenants/" + other + "/api-keys", "{\"name\":\"k\"}")
                .json()
                .path("key")
                .asString();
        ApiClient intruder = ApiClient.withKey(port, key);

        assertThat(intruder.post(V1, v1Tensor("exact", 0)).status()).isEqualTo(404);
        assertThat(intruder.get(V2).status()).isEqualTo(404);
        assertThat(intruder.get(V2 + "/ready").status()).isEqualTo(404);
        // keys authenticate on /api too (the admin:read scope); another tenant's path is 404 there as well
        assertThat(intruder.get("/api/tenants/demo/tiers").status()).isEqualTo(404);
    }

    @Test
    void anOversizedBodyIsRefusedWith413BeforeItIsRead() {
        String huge = "{\"image\":\"" + "A".repeat(17 * 1024 * 1024) + "\"}";

        ApiClient.Response response = demo().post(V1, huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
