package io.tierserve.platform.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.SecondInstance;
import io.tierserve.worker.training.FashionMnist;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.env.Environment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The inference fast lane answers exactly as the regular Spring MVC path does. The same requests,
 * good and bad, go to this instance (lane on) and to a second instance on the same database with
 * the lane off; status, problem details, answers (less their request ids and timings) and headers
 * must be the same. The lane must also really serve the plain requests, and pass everything else
 * on with its body unread.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictFastLaneTests {

    private static final String V1 = "/v1/cascades/fashion-mnist/predict";
    private static final String SPAM = "/v1/cascades/spam/predict";
    private static final FashionMnist SAMPLES = FashionMnist.demoSamples();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> HEADERS = List.of(
            "Content-Type",
            "Retry-After",
            "WWW-Authenticate",
            "X-Content-Type-Options",
            "X-Frame-Options",
            "Cache-Control",
            "Pragma",
            "Expires");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    FilterRegistrationBean<PredictFastLane> lane;

    @Autowired
    MeterRegistry meters;

    private SecondInstance regular;

    @BeforeAll
    void startAnInstanceWithoutTheLane() {
        regular = SecondInstance.start(environment, Map.of("tierserve.inference.fast-lane", "false"));
    }

    @AfterAll
    void stop() {
        regular.close();
    }

    private static String tensor(int index) {
        StringJoiner data = new StringJoiner(",", "[", "]");
        for (float pixel : SAMPLES.image(index)) {
            data.add(Float.toString((float) ((pixel / 255.0 - 0.286) / 0.353)));
        }
        return "{\"shape\":[1,28,28],\"data\":" + data + "}";
    }

    /** A request as sent: body, content type, and the Authorization header (null for none). */
    private record Sent(String body, String contentType, String authorization, String path) {

        static Sent json(String body) {
            return new Sent(body, "application/json", "Bearer " + ApiClient.DEMO_API_KEY, V1);
        }
    }

    private static HttpResponse<String> send(int port, Sent sent) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + sent.path()))
                .POST(HttpRequest.BodyPublishers.ofString(sent.body(), StandardCharsets.UTF_8));
        if (sent.contentType() != null) {
            request.header("Content-Type", sent.contentType());
        }
        if (sent.authorization() != null) {
            request.header("Authorization", sent.authorization());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer without what differs by request: its ids and timings. */
    private static JsonNode comparable(String body) {
        if (body.isEmpty()) {
            return JSON.missingNode();
        }
        JsonNode node = JSON.readTree(body);
        strip(node);
        return node;
    }

    /** Each answer's stage outputs by stage: the same model on the same input gives the same output. */
    private static List<Map<String, String>> stageOutputs(String body) {
        JsonNode answer = JSON.readTree(body);
        List<JsonNode> predictions = answer.has("predictions")
                ? answer.path("predictions").valueStream().toList()
                : List.of(answer);
        return predictions.stream()
                .map(prediction -> prediction
                        .path("stages")
                        .valueStream()
                        .collect(java.util.stream.Collectors.toMap(
                                stage -> stage.path("stage").asString(),
                                stage -> stage.path("classIndex").asInt() + ":"
                                        + stage.path("confidence").asDouble())))
                .toList();
    }

    /** Whether two answers' stage outputs agree on every stage both ran. */
    private static void assertSameStageOutputs(String what, String laned, String regularly) {
        List<Map<String, String>> ours = stageOutputs(laned);
        List<Map<String, String>> theirs = stageOutputs(regularly);
        assertThat(ours).as("answers of %s", what).hasSameSizeAs(theirs);
        for (int i = 0; i < ours.size(); i++) {
            for (Map.Entry<String, String> stage : ours.get(i).entrySet()) {
                if (theirs.get(i).containsKey(stage.getKey())) {
                    assertThat(stage.getValue())
                            .as("%s of answer %d of %s", stage.getKey(), i, what)
                            .isEqualTo(theirs.get(i).get(stage.getKey()));
                }
            }
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("requestId", "latencyMs", "timestamp"));
            if (object.has("stagesRun")) {
                // a tier may be served by a randomised mix of two plans, whose coin each instance
                // draws on its own: what ran and what answered may differ between two correct
                // answers; the stages both ran must agree (sameStageOutputs)
                object.remove(List.of(
                        "stagesRun",
                        "answeredBy",
                        "recalled",
                        "deadlineHit",
                        "label",
                        "classIndex",
                        "confidence",
                        "scores",
                        "stages"));
            }
        }
        node.forEach(PredictFastLaneTests::strip);
    }

    @Test
    void everyRequestIsAnsweredAsTheRegularPathAnswersIt() throws Exception {
        String demoKey = "Bearer " + ApiClient.DEMO_API_KEY;
        List<Sent> battery = new ArrayList<>(List.of(
                Sent.json("{\"tier\":\"fast\",\"tensor\":" + tensor(0) + "}"),
                Sent.json("{\"tier\":\"exact\",\"scores\":true,\"tensor\":" + tensor(1) + "}"),
                Sent.json("{\"tier\":\"balanced\",\"inputs\":[{\"tensor\":" + tensor(2) + "},{\"tensor\":" + tensor(3)
                        + "}]}"),
                Sent.json("{\"tensor\":" + tensor(4) + "}"),
                // malformed, mistyped, strictness
                Sent.json("{"),
                Sent.json(""),
                Sent.json("null"),
                Sent.json("[]"),
                Sent.json("{\"tier\":5,\"tensor\":" + tensor(0) + "}"),
                Sent.json("{\"tier\":\"fast\",\"tier\":\"exact\",\"tensor\":" + tensor(0) + "}"),
                Sent.json("{\"tier\":\"fast\",\"tensor\":" + tensor(0) + "} trailing"),
                Sent.json("{\"tier\":\"fast\",\"tensor\":{\"shape\":[1,28,28],\"data\":[\"1\"]}}"),
                // constraints and refusals of the request itself
                Sent.json("{}"),
                Sent.json("{\"tier\":\"fast\",\"tensor\":{\"shape\":[],\"data\":[]}}"),
                Sent.json("{\"tier\":\"fast\",\"deadlineMs\":0,\"tensor\":" + tensor(0) + "}"),
                Sent.json("{\"tier\":\"fast\",\"inputs\":[null]}"),
                Sent.json("{\"tier\":\"fast\",\"tensor\":{\"shape\":[1,28,27],\"data\":[1,2,3]}}"),
                Sent.json("{\"tier\":\"fast\",\"image\":\"bm90IGFuIGltYWdl\"}"),
                Sent.json("{\"tier\":\"fast\",\"image\":\"x\",\"inputs\":[{\"image\":\"x\"}]}"),
                Sent.json("{\"tier\":\"nope\",\"tensor\":" + tensor(0) + "}"),
                // text: to the text cascade, good and bad, and to the image cascade
                new Sent(
                        "{\"tier\":\"fast\",\"text\":\"Subject: lunch\\n\\nNoon at the usual place?\"}",
                        "application/json",
                        demoKey,
                        SPAM),
                new Sent(
                        "{\"tier\":\"exact\",\"inputs\":[{\"text\":\"WIN $$$ now\"},{\"text\":\"minutes attached\"}]}",
                        "application/json",
                        demoKey,
                        SPAM),
                new Sent("{\"tier\":\"fast\",\"text\":\" \"}", "application/json", demoKey, SPAM),
                new Sent("{\"tier\":\"fast\",\"text\":\"half \\ud800 a pair\"}", "application/json", demoKey, SPAM),
                new Sent(
                        "{\"tier\":\"fast\",\"text\":\"" + "x".repeat(100_001) + "\"}",
                        "application/json",
                        demoKey,
                        SPAM),
                new Sent("{\"tier\":\"fast\",\"text\":\"hi\",\"image\":\"x\"}", "application/json", demoKey, SPAM),
                new Sent("{\"tier\":\"fast\",\"tensor\":" + tensor(0) + "}", "application/json", demoKey, SPAM),
                Sent.json("{\"tier\":\"fast\",\"text\":\"not an image\"}"),
                // what the lane passes on: no key, a wrong key, another media type, another cascade
                new Sent("{\"tier\":\"fast\",\"tensor\":" + tensor(0) + "}", "application/json", null, V1),
                new Sent("{\"tier\":\"fast\"}", "application/json", "Bearer ts_nosuchkey_abcdefghijklmnop12345", V1),
                new Sent("{\"tier\":\"fast\"}", "text/plain", demoKey, V1),
                new Sent(
                        "{\"tier\":\"fast\",\"tensor\":" + tensor(0) + "}",
                        "application/json",
                        demoKey,
                        "/v1/cascades/no-such-cascade/predict")));
        StringJoiner batch = new StringJoiner(",", "{\"tier\":\"fast\",\"inputs\":[", "]}");
        for (int i = 0; i < PublicPredictions.MAX_BATCH + 1; i++) {
            batch.add("{\"tensor\":{\"shape\":[1,28,28],\"data\":[0]}}");
        }
        battery.add(Sent.json(batch.toString()));

        for (Sent sent : battery) {
            HttpResponse<String> laned = send(port, sent);
            HttpResponse<String> regularly = send(regular.port(), sent);

            String what = sent.body().length() > 80 ? sent.body().substring(0, 80) + "..." : sent.body();
            assertThat(laned.statusCode()).as("status of %s", what).isEqualTo(regularly.statusCode());
            assertThat(laned.statusCode()).as("status of %s", what).isLessThan(500);
            assertThat(comparable(laned.body())).as("body of %s", what).isEqualTo(comparable(regularly.body()));
            if (laned.statusCode() == 200) {
                assertSameStageOutputs(what, laned.body(), regularly.body());
            }
            for (String header : HEADERS) {
                assertThat(laned.headers().firstValue(header))
                        .as("%s of %s", header, what)
                        .isEqualTo(regularly.headers().firstValue(header));
            }
            if (laned.statusCode() == 200) {
                JsonNode answer = JSON.readTree(laned.body());
                String ids = answer.has("predictions")
                        ? String.join(
                                ",",
                                answer.path("predictions")
                                        .valueStream()
                                        .map(p -> p.path("requestId").asString())
                                        .toList())
                        : answer.path("requestId").asString();
                assertThat(laned.headers().firstValue("X-Request-Id")).hasValue(ids);
            }
        }
    }

    @Test
    void theLanesAnswersAreTimedLikeEveryOtherRequest() throws Exception {
        String body = "{\"tier\":\"fast\",\"tensor\":" + tensor(6) + "}";
        Sent served = Sent.json(body);
        Sent malformed = Sent.json("{");
        Sent passedOn = new Sent(body, "application/json", null, V1);
        for (Sent sent : List.of(served, served, malformed, passedOn)) {
            send(port, sent);
        }

        Timer ok = meters.find("http.server.requests")
                .tags("uri", PredictFastLane.PATH_PATTERN, "status", "200")
                .timer();
        Timer bad = meters.find("http.server.requests")
                .tags("uri", PredictFastLane.PATH_PATTERN, "status", "400", "outcome", "CLIENT_ERROR")
                .timer();
        assertThat(ok).isNotNull();
        assertThat(ok.count()).isGreaterThanOrEqualTo(2);
        assertThat(bad).isNotNull();
        // the request the regular chain answered (401) is timed by Spring's observation: the lane's
        // timers carry exactly the tag names the observation's do
        Timer unauthorized =
                meters.find("http.server.requests").tags("status", "401").timer();
        assertThat(unauthorized).isNotNull();
        assertThat(tagKeys(ok)).isEqualTo(tagKeys(unauthorized));
        assertThat(tagKeys(bad)).isEqualTo(tagKeys(unauthorized));
    }

    private static List<String> tagKeys(Timer timer) {
        return timer.getId().getTags().stream().map(Tag::getKey).sorted().toList();
    }

    @Test
    void theLaneServesPlainRequestsAndPassesTheRestOnUnread() throws Exception {
        String body = "{\"tier\":\"fast\",\"tensor\":" + tensor(5) + "}";

        MockHttpServletResponse served = new MockHttpServletResponse();
        MockFilterChain servedChain = new MockFilterChain();
        lane.getFilter()
                .doFilter(request(body, "application/json", "Bearer " + ApiClient.DEMO_API_KEY), served, servedChain);

        assertThat(servedChain.getRequest()).as("the chain was not called").isNull();
        assertThat(served.getStatus()).isEqualTo(200);
        assertThat(JSON.readTree(served.getContentAsString()).path("tier").asString())
                .isEqualTo("fast");

        List<MockHttpServletRequest> passedOn = List.of(
                request(body, "application/json", null),
                request(body, "application/json", "Bearer ts_nosuchkey_abcdefghijklmnop12345"),
                request(body, "text/plain", "Bearer " + ApiClient.DEMO_API_KEY),
                request(body, "application/json;charset=ISO-8859-1", "Bearer " + ApiClient.DEMO_API_KEY),
                withAccept(request(body, "application/json", "Bearer " + ApiClient.DEMO_API_KEY), "text/html"),
                withUri(
                        request(body, "application/json", "Bearer " + ApiClient.DEMO_API_KEY),
                        "/v1/cascades/fashion%2Dmnist/predict"),
                withUri(
                        request(body, "application/json", "Bearer " + ApiClient.DEMO_API_KEY),
                        "/v1/cascades/fashion-mnist/predict/"),
                withMethod(request(body, "application/json", "Bearer " + ApiClient.DEMO_API_KEY), "PUT"),
                // no declared length (a chunked body): the body-size filter of the regular chain counts it
                withoutLength(request(body, "application/json", "Bearer " + ApiClient.DEMO_API_KEY)));
        for (MockHttpServletRequest request : passedOn) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = new MockHttpServletResponse();

            lane.getFilter().doFilter(request, response, chain);

            assertThat(chain.getRequest())
                    .as("passed on: %s %s", request.getMethod(), request.getRequestURI())
                    .isSameAs(request);
            assertThat(request.getInputStream().readAllBytes())
                    .as("the body is unread")
                    .hasSize(body.length());
        }
    }

    private static MockHttpServletRequest request(String body, String contentType, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", V1);
        request.setContentType(contentType);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    private static MockHttpServletRequest withAccept(MockHttpServletRequest request, String accept) {
        request.addHeader("Accept", accept);
        return request;
    }

    private static MockHttpServletRequest withUri(MockHttpServletRequest request, String uri) {
        request.setRequestURI(uri);
        return request;
    }

    private static MockHttpServletRequest withoutLength(MockHttpServletRequest request) {
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", request.getRequestURI()) {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        chunked.setContentType(request.getContentType());
        chunked.setContent(request.getContentAsByteArray());
        chunked.addHeader("Authorization", request.getHeader("Authorization"));
        return chunked;
    }

    private static MockHttpServletRequest withMethod(MockHttpServletRequest request, String method) {
        request.setMethod(method);
        return request;
    }
}
