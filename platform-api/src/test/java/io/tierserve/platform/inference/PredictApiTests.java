package io.tierserve.platform.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiTest
class PredictApiTests {

    private static final String PREDICT = "/api/tenants/demo/cascades/fashion-mnist/predict";
    private static final List<String> TIERS = List.of("exact", "balanced", "fast", "within-1ms");
    private static final List<String> STAGES = List.of("exit1", "exit2", "exit3");

    @LocalServerPort
    int port;

    @Test
    void everyDefaultTierAnswersARealImageAndSaysHowTheAnswerWasMade() {
        for (String tier : TIERS) {
            ApiClient.Response response = predict(tier, 0);

            assertThat(response.status()).as(tier).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.path("tier").asString()).isEqualTo(tier);
            assertThat(body.path("label").asString()).isNotBlank();
            assertThat(body.path("classIndex").asInt()).isBetween(0, 9);
            assertThat(body.path("confidence").asDouble()).isBetween(0.0, 1.0);
            assertThat(body.path("policyVersion").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(body.path("policyStatus").asString()).isIn("MET", "CONSERVATIVE", "FALLBACK");
            assertThat(body.path("requestId").asString()).hasSize(36);
            List<String> run = strings(body.path("stagesRun"));
            assertThat(run).isNotEmpty().isSubsetOf(STAGES).doesNotHaveDuplicates();
            assertThat(run).contains(body.path("answeredBy").asString());
            assertThat(body.path("stages").size()).isEqualTo(run.size());
            assertThat(body.path("latencyMs").asDouble()).isPositive();
            assertThat(body.path("recalled").isBoolean()).isTrue();
            assertThat(body.path("deadlineHit").isBoolean()).isTrue();
        }
    }

    @Test
    void fastRunsFewerStagesThanExactWithAccuracyCloseToIt() {
        int n = TestImages.count();
        int fastStages = 0;
        int exactStages = 0;
        int fastCorrect = 0;
        int exactCorrect = 0;
        int answeredDifferently = 0;
        for (int i = 0; i < n; i++) {
            JsonNode fast = predict("fast", i).json();
            JsonNode exact = predict("exact", i).json();
            fastStages += fast.path("stagesRun").size();
            exactStages += exact.path("stagesRun").size();
            fastCorrect += fast.path("classIndex").asInt() == TestImages.label(i) ? 1 : 0;
            exactCorrect += exact.path("classIndex").asInt() == TestImages.label(i) ? 1 : 0;
            if (!fast.path("answeredBy")
                    .asString()
                    .equals(exact.path("answeredBy").asString())) {
                answeredDifferently++;
            }
        }

        assertThat(fastStages).isLessThan(exactStages);
        assertThat(answeredDifferently).isPositive();
        // Over all 10,000 test images exit3 beats exit1 (0.897 vs 0.874), but on these first 200
        // exit1 happens to be right 182 times and exit3 177 times: 200 images cannot tell a
        // 2-point difference apart (binomial sd ~0.022), hence the tolerance.
        assertThat((double) exactCorrect / n).isGreaterThanOrEqualTo((double) fastCorrect / n - 0.03);
        // the demo CNN's exits are ~0.88-0.90 accurate on the test set
        assertThat((double) exactCorrect / n).isGreaterThan(0.8);
    }

    @Test
    void aRequestNamingNoTierGetsTheDefaultTier() {
        ApiClient.Response response =
                ApiClient.asAdmin(port).post(PREDICT, "{\"image\":\"" + TestImages.png(1) + "\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("tier").asString()).isEqualTo("balanced");
    }

    @Test
    void aRequestDeadlineTightensTheTiersDeadline() {
        ApiClient.Response response = ApiClient.asAdmin(port)
                .post(PREDICT, "{\"tier\":\"exact\",\"deadlineMs\":0.000001,\"image\":\"" + TestImages.png(2) + "\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("deadlineHit").asBoolean()).isTrue();
        // a request always gets an answer: the first stage runs even when no time is left
        assertThat(strings(response.json().path("stagesRun"))).containsExactly("exit1");
    }

    @Test
    void aRawTensorInTheInputLayoutIsServedLikeAnImage() {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 28 * 28; i++) {
            data.append(i == 0 ? "" : ",").append("-0.81");
        }
        ApiClient.Response response = ApiClient.asAdmin(port)
                .post(PREDICT, "{\"tier\":\"fast\",\"tensor\":{\"shape\":[1,28,28],\"data\":[" + data + "]}}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(strings(response.json().path("stagesRun"))).isNotEmpty();
    }

    @Test
    void badInputsAreProblemDetailsNeverServerErrors() {
        List<String> bodies = new ArrayList<>(List.of(
                "{\"tier\":\"fast\",\"image\":\"not base64 at all!\"}",
                "{\"tier\":\"fast\",\"image\":\"aGVsbG8gd29ybGQ=\"}",
                "{\"tier\":\"fast\",\"tensor\":{\"shape\":[1,27,28],\"data\":[0.1,0.2]}}",
                "{\"tier\":\"fast\",\"tensor\":{\"shape\":[1,28,28],\"data\":[NaN]}}",
                "{\"tier\":\"fast\",\"tensor\":{\"shape\":[1,1,1],\"data\":[\"NaN\"]}}",
                "{\"tier\":\"fast\"}",
                "{\"tier\":\"fast\",\"image\":\"" + TestImages.png(0) + "\",\"tensor\":{\"shape\":[1],\"data\":[1]}}",
                "{\"tier\":\"fast\",\"deadlineMs\":-1,\"image\":\"" + TestImages.png(0) + "\"}",
                "{\"tier\":"));
        StringBuilder nan = new StringBuilder();
        for (int i = 0; i < 28 * 28; i++) {
            nan.append(i == 0 ? "" : ",").append(i == 5 ? "1e39" : "0.5");
        }
        bodies.add("{\"tier\":\"fast\",\"tensor\":{\"shape\":[1,28,28],\"data\":[" + nan + "]}}");

        for (String body : bodies) {
            ApiClient.Response response = ApiClient.asAdmin(port).post(PREDICT, body);

            assertThat(response.status())
                    .as(body.length() > 200 ? body.substring(0, 200) : body)
                    .isEqualTo(400);
            assertThat(response.contentType()).contains("application/problem+json");
            assertThat(response.json().path("detail").asString()).isNotBlank();
        }
    }

    @Test
    void anUnknownTierIsABadRequestThatListsTheValidTiers() {
        ApiClient.Response response = predict("fastest", 0);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains("exact", "balanced", "fast", "within-1ms");
    }

    @Test
    void anUnknownCascadeOrTenantIsNotFound() {
        String body = "{\"tier\":\"fast\",\"image\":\"" + TestImages.png(0) + "\"}";

        assertThat(ApiClient.asAdmin(port)
                        .post("/api/tenants/demo/cascades/no-such-cascade/predict", body)
                        .status())
                .isEqualTo(404);
        assertThat(ApiClient.asAdmin(port)
                        .post("/api/tenants/no-such-tenant/cascades/fashion-mnist/predict", body)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void predictingNeedsCredentials() {
        ApiClient.Response response = ApiClient.as(port, null, null)
                .post(PREDICT, "{\"tier\":\"fast\",\"image\":\"" + TestImages.png(0) + "\"}");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentMarksThePredictPathInternal() {
        JsonNode operation = ApiClient.asAdmin(port)
                .get("/v3/api-docs")
                .json()
                .path("paths")
                .path("/api/tenants/{tenant}/cascades/{cascade}/predict")
                .path("post");

        assertThat(strings(operation.path("tags"))).contains("internal");
        assertThat(operation.path("summary").asString()).startsWith("Internal");
    }

    private ApiClient.Response predict(String tier, int image) {
        return ApiClient.asAdmin(port)
                .post(PREDICT, "{\"tier\":\"" + tier + "\",\"image\":\"" + TestImages.png(image) + "\"}");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
