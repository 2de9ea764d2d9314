package io.tierserve.platform.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.worker.training.FashionMnist;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Open Inference Protocol's binary tensor data extension on {@code /v2/models/{name}/infer}. */
@ApiTest
class BinaryTensorApiTests {

    private static final String INFER = "/v2/models/fashion-mnist/infer";
    private static final String HEADER = "Inference-Header-Content-Length";
    private static final String ALL_OUTPUTS =
            "[{\"name\":\"label\"},{\"name\":\"class_index\"},{\"name\":\"confidence\"},{\"name\":\"scores\"}]";
    private static final FashionMnist SAMPLES = FashionMnist.demoSamples();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    /** Sample {@code index} normalised as the demo manifest says. */
    private static float[] tensor(int index) {
        float[] pixels = SAMPLES.image(index);
        float[] tensor = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            tensor[i] = (float) ((pixels[i] / 255.0 - 0.286) / 0.353);
        }
        return tensor;
    }

    private static String jsonData(float[] tensor) {
        StringJoiner data = new StringJoiner(",", "[", "]");
        for (float value : tensor) {
            data.add(Float.toString(value));
        }
        return data.toString();
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    private static String binaryHeader(long size, String shape, String extra) {
        return ("{\"parameters\":{\"tier\":\"exact\"%s},\"inputs\":[{\"name\":\"input\",\"shape\":%s,"
                        + "\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":%d}}],\"outputs\":%s}")
                .formatted(extra, shape, size, ALL_OUTPUTS);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(body::writeBytes);
        return body.toByteArray();
    }

    /** What came back: status, headers and the raw body. */
    private record Answer(int status, String contentType, String headerLength, byte[] body) {

        JsonNode json() {
            int length = headerLength == null ? body.length : Integer.parseInt(headerLength);
            return JSON.readTree(new String(body, 0, length, StandardCharsets.UTF_8));
        }

        ByteBuffer binary() {
            int length = Integer.parseInt(headerLength);
            return ByteBuffer.wrap(body, length, body.length - length).slice().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private Answer post(byte[] body, String headerLength, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + INFER))
                .header("Authorization", "Bearer " + ApiClient.DEMO_API_KEY)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headerLength != null) {
            request.header(HEADER, headerLength);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue(HEADER).orElse(null),
                response.body());
    }

    private Answer postBinary(String header, byte[] data) throws Exception {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return post(concat(json, data), Integer.toString(json.length), "application/octet-stream");
    }

    private Answer postJson(String body) throws Exception {
        return post(body.getBytes(StandardCharsets.UTF_8), null, "application/json");
    }

    private static String jsonRequest(float[] tensor, String extra, String outputs) {
        return ("{\"parameters\":{\"tier\":\"exact\"%s},\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,28,28],"
                        + "\"datatype\":\"FP32\",\"data\":%s}],\"outputs\":%s}")
                .formatted(extra, jsonData(tensor), outputs);
    }

    private static String string(ByteBuffer binary) {
        byte[] utf8 = new byte[binary.getInt()];
        binary.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Test
    void theServerDeclaresTheExtension() {
        JsonNode server = ApiClient.as(port, null, null).get("/v2").json();

        List<String> extensions = new ArrayList<>();
        server.path("extensions").forEach(extension -> extensions.add(extension.asString()));
        assertThat(extensions).contains("binary_tensor_data");
    }

    @Test
    void aBinaryInputAnswersExactlyAsTheSameTensorInJson() throws Exception {
        for (int i = 0; i < 3; i++) {
            float[] tensor = tensor(i);
            JsonNode json = postJson(jsonRequest(tensor, "", ALL_OUTPUTS)).json();
            Answer binary = postBinary(binaryHeader(784 * 4, "[1,1,28,28]", ""), littleEndian(tensor));

            assertThat(binary.status()).isEqualTo(200);
            assertThat(binary.contentType()).contains("json");
            JsonNode outputs = binary.json().path("outputs");
            for (int o = 0; o < 4; o++) {
                assertThat(outputs.get(o).path("name"))
                        .isEqualTo(json.path("outputs").get(o).path("name"));
                assertThat(outputs.get(o).path("data"))
                        .isEqualTo(json.path("outputs").get(o).path("data"));
            }
            assertThat(outputs.get(3).path("data").size()).isEqualTo(10);
            assertThat(binary.json().path("parameters").path("trace").get(0).path("stagesRun"))
                    .isEqualTo(json.path("parameters").path("trace").get(0).path("stagesRun"));
        }
    }

    @Test
    void binaryOutputsDecodeToTheJsonAnswersValues() throws Exception {
        float[] tensor = tensor(4);
        JsonNode json = postJson(jsonRequest(tensor, "", ALL_OUTPUTS)).json().path("outputs");
        Answer binary =
                postBinary(binaryHeader(784 * 4, "[1,1,28,28]", ",\"binary_data_output\":true"), littleEndian(tensor));

        assertThat(binary.status()).isEqualTo(200);
        assertThat(binary.contentType()).isEqualTo("application/octet-stream");
        JsonNode outputs = binary.json().path("outputs");
        List<Integer> sizes = new ArrayList<>();
        outputs.forEach(output -> {
            assertThat(output.has("data")).isFalse();
            sizes.add(output.path("parameters").path("binary_data_size").asInt());
        });
        assertThat(sizes)
                .containsExactly(4 + json.get(0).path("data").get(0).asString().length(), 8, 4, 40);
        assertThat(outputs.get(3).path("parameters").path("labels").size()).isEqualTo(10);
        ByteBuffer data = binary.binary();
        assertThat(string(data)).isEqualTo(json.get(0).path("data").get(0).asString());
        assertThat(data.getLong()).isEqualTo(json.get(1).path("data").get(0).asLong());
        assertThat(data.getFloat())
                .isEqualTo((float) json.get(2).path("data").get(0).asDouble());
        for (int c = 0; c < 10; c++) {
            assertThat(data.getFloat())
                    .isEqualTo((float) json.get(3).path("data").get(c).asDouble());
        }
        assertThat(data.remaining()).isZero();
    }

    @Test
    void anOutputsOwnBinaryDataWinsOverTheRequestsDefault() throws Exception {
        float[] tensor = tensor(6);
        Answer answer = postJson(jsonRequest(
                tensor,
                ",\"binary_data_output\":true",
                "[{\"name\":\"label\",\"parameters\":{\"binary_data\":false}},{\"name\":\"class_index\"}]"));
        Answer onlyConfidence = postJson(jsonRequest(
                tensor, "", "[{\"name\":\"label\"},{\"name\":\"confidence\",\"parameters\":{\"binary_data\":true}}]"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode outputs = answer.json().path("outputs");
        assertThat(outputs.get(0).path("data").get(0).asString()).isNotBlank();
        assertThat(outputs.get(1).has("data")).isFalse();
        assertThat(answer.binary().getLong())
                .isEqualTo(onlyConfidence
                        .json()
                        .path("parameters")
                        .path("trace")
                        .get(0)
                        .path("classIndex")
                        .asLong());
        assertThat(onlyConfidence.json().path("outputs").get(0).has("data")).isTrue();
        assertThat(onlyConfidence.binary().getFloat()).isEqualTo((float) onlyConfidence
                .json()
                .path("parameters")
                .path("trace")
                .get(0)
                .path("confidence")
                .asDouble());
    }

    @Test
    void aBatchOfBinaryInputsAnswersEachInOrder() throws Exception {
        float[] first = tensor(7);
        float[] second = tensor(8);
        float[] both = Arrays.copyOf(first, 784 * 2);
        System.arraycopy(second, 0, both, 784, 784);

        Answer batch = postBinary(binaryHeader(784 * 2 * 4, "[2,1,28,28]", ""), littleEndian(both));
        JsonNode alone = postBinary(binaryHeader(784 * 4, "[1,1,28,28]", ""), littleEndian(second))
                .json();

        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.json().path("outputs").get(0).path("data").size()).isEqualTo(2);
        assertThat(batch.json().path("outputs").get(1).path("data").get(1))
                .isEqualTo(alone.path("outputs").get(1).path("data").get(0));
    }

    @Test
    void malformedBinaryBodiesAreRefusedWithAnErrorNeverA500() throws Exception {
        byte[] data = littleEndian(tensor(0));
        byte[] header = binaryHeader(784 * 4, "[1,1,28,28]", "").getBytes(StandardCharsets.UTF_8);
        byte[] body = concat(header, data);
        String octets = "application/octet-stream";

        List<Answer> refused = List.of(
                // the header length runs past the body
                post(body, Integer.toString(body.length + 1), octets),
                post(body, "-1", octets),
                post(body, "twelve", octets),
                post(body, "99999999999999999999", octets),
                // the size does not match the shape
                postBinary(binaryHeader(784 * 4 - 4, "[1,1,28,28]", ""), Arrays.copyOf(data, data.length - 4)),
                postBinary(binaryHeader(784 * 2, "[1,1,28,28]", ""), data),
                // sizes that do not account for the bytes after the header
                postBinary(binaryHeader(784 * 4, "[1,1,28,28]", ""), concat(data, new byte[4])),
                postBinary(binaryHeader(784 * 4, "[1,1,28,28]", ""), Arrays.copyOf(data, 100)),
                // declared sizes and shapes no body could hold
                postBinary(binaryHeader(Long.MAX_VALUE, "[1,1,28,28]", ""), data),
                postBinary(binaryHeader(-4, "[1,1,28,28]", ""), data),
                postBinary(binaryHeader(4, "[4611686018427387904,4]", ""), data),
                // the header is not JSON, or not an inference request
                post(body, Integer.toString(header.length - 5), octets),
                post(concat("not json".getBytes(StandardCharsets.UTF_8), data), "8", octets),
                post(body, "0", octets),
                postBinary("{\"inputs\":[]}", data),
                // binary data without the header that delimits it
                postJson(binaryHeader(784 * 4, "[1,1,28,28]", "")));

        for (Answer answer : refused) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().path("error").isString()).isTrue();
        }
    }
}
