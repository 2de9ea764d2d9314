package io.tierserve.platform.worker;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.execution.Prediction;
import io.tierserve.worker.profiling.FullRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A worker process reached over HTTP ({@code inference-workers.jar serve}): {@code POST /execute} with
 * the policy version's id and the model key (and where to fetch it), {@code POST /profile}.
 */
final class RemoteWorker implements Worker {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String id;
    private final String deviceClass;
    private final URI url;
    private final HttpClient http;
    private final WorkersProperties properties;

    RemoteWorker(String id, String deviceClass, URI url, HttpClient http, WorkersProperties properties) {
        this.id = id;
        this.deviceClass = deviceClass;
        this.url = url;
        this.http = http;
        this.properties = properties;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String deviceClass() {
        return deviceClass;
    }

    URI url() {
        return url;
    }

    @Override
    public WorkerAnswer execute(WorkerCall call) {
        ObjectNode body = JSON.createObjectNode();
        body.put("cascade", call.model().key());
        if (call.model().source() != null) {
            body.put("source", call.model().source());
        }
        body.put("policyVersion", call.versionId().toString());
        body.set("input", input(call.input()));
        Duration timeout = properties.requestTimeout();
        if (call.budgetNanos() != Long.MAX_VALUE) {
            body.put("deadlineMs", call.budgetNanos() / 1e6);
            // the worker stops the walk at the deadline; past it with a margin, it is not answering
            timeout = Duration.ofNanos(call.budgetNanos())
                    .plus(properties.connectTimeout())
                    .plusSeconds(1);
        }
        body.put("coin", call.coin());
        if (call.fullRun()) {
            body.put("fullRun", true);
        }
        JsonNode answer = post("/execute", body, timeout);
        Prediction prediction = JSON.treeToValue(answer, Prediction.class);
        FullRun.Outputs fullRun = null;
        JsonNode full = answer.get("fullRun");
        if (full != null) {
            int n = full.get("predictions").size();
            int[] predictions = new int[n];
            double[] confidences = new double[n];
            for (int i = 0; i < n; i++) {
                predictions[i] = full.get("predictions").get(i).intValue();
                confidences[i] = full.get("confidences").get(i).doubleValue();
            }
            fullRun = new FullRun.Outputs(predictions, confidences);
        }
        return new WorkerAnswer(prediction, fullRun, id, deviceClass);
    }

    @Override
    public Profile profile(ProfileCall call) {
        ObjectNode body = JSON.createObjectNode();
        body.put("cascade", call.model().key());
        if (call.model().source() != null) {
            body.put("source", call.model().source());
        }
        body.put("warmup", call.warmup());
        ArrayNode samples = body.putArray("samples");
        for (int i = 0; i < call.inputs().size(); i++) {
            ObjectNode sample = samples.addObject();
            sample.put("label", call.labels()[i]);
            sample.set("input", input(call.inputs().get(i)));
        }
        return ProfileJson.parse(
                post("/profile", body, properties.profileTimeout()).toString());
    }

    private static ObjectNode input(InferenceInput input) {
        ObjectNode node = JSON.createObjectNode();
        if (input instanceof InferenceInput.Image image) {
            node.put("image", image.base64());
            return node;
        }
        if (input instanceof InferenceInput.Text text) {
            node.put("text", text.text());
            return node;
        }
        InferenceInput.Raw raw = (InferenceInput.Raw) input;
        ArrayNode shape = node.putArray("shape");
        for (long dimension : raw.shape()) {
            shape.add(dimension);
        }
        ArrayNode data = node.putArray("data");
        for (float value : raw.data()) {
            data.add(value);
        }
        return node;
    }

    private JsonNode post(String path, ObjectNode body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (properties.hasToken()) {
            request.header("Authorization", "Bearer " + properties.token());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new WorkerFailedException("worker " + id + " at " + url + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerFailedException("interrupted while waiting for worker " + id, e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new WorkerFailedException("worker " + id + " answered " + response.statusCode() + " without JSON", e);
        }
        if (response.statusCode() == 400) {
            throw new WorkerRejectedInputException(answer.path("detail").asString("the worker refused the input"));
        }
        if (response.statusCode() != 200) {
            throw new WorkerFailedException(
                    "worker " + id + " answered " + response.statusCode() + ": "
                            + answer.path("detail").asString(""),
                    null);
        }
        return answer;
    }
}
