package io.tierserve.platform.inference;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tierserve.platform.apikey.ApiKeyPrincipal;
import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.RequestBodyTooLargeException;
import io.tierserve.platform.tier.TierDefinition;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.InputKind;
import io.tierserve.worker.cascade.Preprocessing;
import io.tierserve.worker.execution.TextLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Inference Protocol (KServe v2) REST surface: a model is a cascade of the key's tenant,
 * the tier goes in {@code parameters.tier}, and each answer's trace in the response's
 * {@code parameters}. Errors carry the protocol's string field {@code error}.
 *
 * <p>Outputs: {@code label}, {@code class_index} and {@code confidence} when the request names
 * none; when it names some in {@code outputs}, exactly those, in that order. {@code scores} (FP32,
 * shape {@code [batch, classes]}, the class names in its {@code parameters.labels}) comes only when
 * asked for, so that answers stay small by default.
 *
 * <p>The binary tensor data extension ({@link OipBinary}): a request with the {@code
 * Inference-Header-Content-Length} header carries its input as raw bytes after the JSON header;
 * {@code binary_data_output} or an output's {@code binary_data} returns outputs the same way.
 */
@RestController
@Tag(name = "public", description = "The tiered inference API for applications (Authorization: Bearer <api key>)")
class OipController {

    private static final List<String> DEFAULT_OUTPUTS = List.of("label", "class_index", "confidence");
    private static final List<String> OUTPUTS = List.of("label", "class_index", "confidence", "scores");

    private final PublicPredictions predictions;
    private final PredictService models;

    private final OipBinaryBodies binary;
    private final ObjectProvider<HealthEndpoint> health;

    OipController(
            PublicPredictions predictions,
            PredictService models,
            OipBinaryBodies binary,
            ObjectProvider<HealthEndpoint> health) {
        this.predictions = predictions;
        this.models = models;
        this.binary = binary;
        this.health = health;
    }

    @GetMapping("/v2")
    Map<String, Object> server() {
        return Map.of("name", "tierserve", "version", "1", "extensions", List.of("binary_tensor_data"));
    }

    @GetMapping("/v2/health/live")
    Map<String, Object> live() {
        return Map.of("live", true);
    }

    /**
     * Ready when the platform's readiness group ({@code /actuator/health/readiness}: the database and
     * a worker for this instance's device classes) is up; else 503, so that an Open Inference Protocol
     * probe sends its traffic elsewhere.
     */
    @GetMapping("/v2/health/ready")
    ResponseEntity<Map<String, Object>> ready() {
        HealthEndpoint endpoint = health.getIfAvailable();
        HealthDescriptor readiness = endpoint == null ? null : endpoint.healthForPath("readiness");
        boolean ready = readiness != null && Status.UP.equals(readiness.getStatus());
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("ready", ready));
    }

    @GetMapping("/v2/models/{name}")
    Map<String, Object> metadata(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String name) {
        CascadeManifest manifest = models.manifest(key.tenantName(), name);
        List<Long> shape = new ArrayList<>(List.of(-1L));
        manifest.inputShape().forEach(dimension -> shape.add(dimension.longValue()));
        List<TierDefinition> tiers = predictions.tiersOf(key);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("versions", List.of());
        metadata.put("platform", "tierserve-cascade");
        boolean text = manifest.inputKind() == InputKind.TEXT;
        metadata.put(
                "inputs",
                List.of(
                        text
                                ? Map.of("name", "text", "datatype", "BYTES", "shape", List.of(-1))
                                : Map.of("name", "input", "datatype", "FP32", "shape", shape)));
        metadata.put(
                "outputs",
                List.of(
                        Map.of("name", "label", "datatype", "BYTES", "shape", List.of(-1)),
                        Map.of("name", "class_index", "datatype", "INT64", "shape", List.of(-1)),
                        Map.of("name", "confidence", "datatype", "FP32", "shape", List.of(-1)),
                        Map.of("name", "scores", "datatype", "FP32", "shape", List.of(-1, -1))));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("tiers", tiers.stream().map(TierDefinition::name).toList());
        parameters.put(
                "default_tier",
                tiers.stream()
                        .filter(TierDefinition::defaultTier)
                        .map(TierDefinition::name)
                        .findFirst()
                        .orElse(""));
        parameters.put("labels", manifest.labels());
        parameters.put("input_kind", manifest.input());
        if (text) {
            parameters.put(
                    "text",
                    Map.of(
                            "encoding",
                            "UTF-8",
                            "max_chars",
                            TextLimits.MAX_CHARS,
                            "description",
                            "one string per text, as JSON; each stage reads the text itself (its own tokenizer or"
                                    + " features): send it as it is, with no preprocessing"));
        } else if (manifest.preprocessing() != null) {
            parameters.put("preprocessing", preprocessing(manifest.preprocessing()));
        }
        metadata.put("parameters", parameters);
        return metadata;
    }

    // how an image becomes the FP32 input tensor: a client sending tensors normalises the same way
    private static Map<String, Object> preprocessing(Preprocessing p) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("grayscale", p.grayscale());
        described.put("width", p.width());
        described.put("height", p.height());
        described.put("scale", p.scale());
        described.put("mean", p.mean());
        described.put("std", p.std());
        described.put(
                "formula",
                "each pixel p (0-255) of the grayscale image resized to width x height, row by row:"
                        + " (p * scale - mean) / std");
        return described;
    }

    @GetMapping("/v2/models/{name}/ready")
    Map<String, Object> modelReady(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String name) {
        models.manifest(key.tenantName(), name);
        return Map.of("name", name, "ready", true);
    }

    @PostMapping(path = "/v2/models/{name}/infer", headers = OipBinary.HEADER)
    ResponseEntity<?> inferBinary(
            @AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String name, HttpServletRequest body)
            throws IOException {
        return infer(key, name, binary.read(body));
    }

    @PostMapping("/v2/models/{name}/infer")
    ResponseEntity<?> infer(
            @AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String name,
            @Valid @RequestBody OipInferRequest request) {
        List<String> outputs = requestedOutputs(request);
        OipInferRequest.Tensor tensor = request.inputs().get(0);
        List<PublicInput> inputs = "BYTES".equals(tensor.datatype()) ? texts(tensor) : tensors(tensor);
        Map<String, Object> parameters = request.parameters() == null ? Map.of() : request.parameters();
        String tier = parameter(parameters, "tier", String.class);
        Number deadlineMs = parameter(parameters, "deadline_ms", Number.class);
        Double deadline = deadlineMs == null ? null : deadlineMs.doubleValue();
        if (deadline != null && !(deadline > 0 && deadline <= 3_600_000)) {
            throw InvalidInferenceInputException.because(
                    "parameters.deadline_ms", "The parameter 'deadline_ms' must be in (0, 3600000].");
        }
        BatchResponse answers = predictions.predict(key, name, tier, inputs, deadline, outputs.contains("scores"));
        List<PredictResponse> all = answers.predictions();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("model_name", name);
        if (request.id() != null) {
            response.put("id", request.id());
        }
        response.put("parameters", Map.of("tier", answers.tier(), "trace", all));
        response.put(
                "outputs", outputs.stream().map(output -> output(output, all)).toList());
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .header(
                        PublicPredictController.REQUEST_ID_HEADER,
                        String.join(
                                ",",
                                all.stream()
                                        .map(answer -> answer.requestId().toString())
                                        .toList()));
        List<String> binaryOutputs = binaryOutputs(request, outputs);
        if (binaryOutputs.isEmpty()) {
            return ok.body(response);
        }
        OipBinary.Encoded encoded = binary.write(response, binaryOutputs);
        return ok.header(OipBinary.HEADER, Integer.toString(encoded.headerLength()))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(encoded.body());
    }

    // an FP32 tensor: one input per row of the batch axis
    private static List<PublicInput> tensors(OipInferRequest.Tensor tensor) {
        if (!"FP32".equals(tensor.datatype())) {
            throw InvalidInferenceInputException.because(
                    "inputs[0].datatype",
                    "Only FP32 inputs (and BYTES inputs for a cascade that reads text) are served.");
        }
        if (tensor.data() == null) {
            throw InvalidInferenceInputException.because(
                    "inputs[0].data",
                    OipBinary.binarySize(tensor, "inputs[0]") == null
                            ? "The input has no 'data'."
                            : "Binary input data needs the " + OipBinary.HEADER + " header.");
        }
        float[] data = tensor.data().numbers();
        if (data == null) {
            throw InvalidInferenceInputException.because("inputs[0].data", "An FP32 input's data must be numbers.");
        }
        long batch = tensor.shape()[0];
        if (batch < 1 || data.length % batch != 0) {
            throw InvalidInferenceInputException.because(
                    "inputs[0].shape", "The shape's batch axis does not divide the data.");
        }
        if (batch > PublicPredictions.MAX_BATCH) {
            throw InputTooLargeException.batch((int) Math.min(Integer.MAX_VALUE, batch), PublicPredictions.MAX_BATCH);
        }
        long[] sampleShape = Arrays.copyOfRange(tensor.shape(), 1, tensor.shape().length);
        int per = data.length / (int) batch;
        List<PublicInput> inputs = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            float[] sample = Arrays.copyOfRange(data, i * per, (i + 1) * per);
            inputs.add(new PublicInput(null, new TensorInput(sampleShape, sample)));
        }
        return inputs;
    }

    // a BYTES tensor of shape [batch] or [batch, 1]: one text per element
    private static List<PublicInput> texts(OipInferRequest.Tensor tensor) {
        if (tensor.data() == null || tensor.data().strings() == null) {
            throw InvalidInferenceInputException.because(
                    "inputs[0].data", "A BYTES input's data must be strings (one text per element), as JSON.");
        }
        List<String> texts = tensor.data().strings();
        long[] shape = tensor.shape();
        boolean flat = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        if (!flat || shape[0] != texts.size()) {
            throw InvalidInferenceInputException.because(
                    "inputs[0].shape",
                    "A BYTES input's shape is [batch] or [batch, 1] with one string per text; got "
                            + Arrays.toString(shape) + " for " + texts.size() + " strings.");
        }
        if (texts.size() > PublicPredictions.MAX_BATCH) {
            throw InputTooLargeException.batch(texts.size(), PublicPredictions.MAX_BATCH);
        }
        return texts.stream().map(text -> new PublicInput(null, null, text)).toList();
    }

    // a parameter of the wrong type is refused, not ignored: the caller meant something by it
    private static <T> T parameter(Map<String, Object> parameters, String name, Class<T> type) {
        Object value = parameters.get(name);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw InvalidInferenceInputException.because(
                    "parameters." + name,
                    "The parameter '" + name + "' must be a " + (type == String.class ? "string" : "number") + ".");
        }
        return type.cast(value);
    }

    private static List<String> requestedOutputs(OipInferRequest request) {
        if (request.outputs() == null || request.outputs().isEmpty()) {
            return DEFAULT_OUTPUTS;
        }
        List<String> names = new ArrayList<>();
        for (Map<String, Object> output : request.outputs()) {
            Object name = output.get("name");
            if (!(name instanceof String known) || !OUTPUTS.contains(known)) {
                throw InvalidInferenceInputException.because(
                        "outputs", "Unknown output '" + name + "'; the model's outputs are " + OUTPUTS + ".");
            }
            if (!names.contains(known)) {
                names.add(known);
            }
        }
        return names;
    }

    // an output's own parameters.binary_data wins over the request's binary_data_output
    private static List<String> binaryOutputs(OipInferRequest request, List<String> outputs) {
        boolean all = request.parameters() != null
                && Boolean.TRUE.equals(request.parameters().get("binary_data_output"));
        List<String> binary = new ArrayList<>();
        for (String name : outputs) {
            Object own = request.outputs() == null
                    ? null
                    : request.outputs().stream()
                            .filter(output -> name.equals(output.get("name")))
                            .map(output ->
                                    output.get("parameters") instanceof Map<?, ?> p ? p.get("binary_data") : null)
                            .filter(Objects::nonNull)
                            .findFirst()
                            .orElse(null);
            if (own instanceof Boolean b ? b : all) {
                binary.add(name);
            }
        }
        return binary;
    }

    private static Map<String, Object> output(String name, List<PredictResponse> answers) {
        return switch (name) {
            case "label" ->
                tensor(
                        name,
                        "BYTES",
                        answers.stream().map(PredictResponse::label).toList());
            case "class_index" ->
                tensor(
                        name,
                        "INT64",
                        answers.stream().map(PredictResponse::classIndex).toList());
            case "confidence" ->
                tensor(
                        name,
                        "FP32",
                        answers.stream().map(PredictResponse::confidence).toList());
            default -> scores(answers);
        };
    }

    private static Map<String, Object> tensor(String name, String datatype, List<?> data) {
        return Map.of("name", name, "datatype", datatype, "shape", List.of(data.size()), "data", data);
    }

    // one row per input, row-major as the protocol's flattened data; the class names ride along
    private static Map<String, Object> scores(List<PredictResponse> answers) {
        List<PredictResponse.ClassScore> first = answers.get(0).scores();
        List<Double> data = answers.stream()
                .flatMap(answer -> answer.scores().stream())
                .map(PredictResponse.ClassScore::score)
                .toList();
        return Map.of(
                "name",
                "scores",
                "datatype",
                "FP32",
                "shape",
                List.of(answers.size(), first.size()),
                "data",
                data,
                "parameters",
                Map.of(
                        "labels",
                        first.stream().map(PredictResponse.ClassScore::label).toList()));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> refused(ApiException e) {
        ResponseEntity<ProblemDetail> error = error(e.status(), e.title(), e.getMessage());
        if (e.headers().isEmpty()) {
            return error;
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        e.headers().forEach((name, value) -> response.header(name, value));
        return response.body(error.getBody());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> malformed(HttpMessageNotReadableException e) {
        RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.in(e);
        if (tooLarge != null) {
            return error(HttpStatus.CONTENT_TOO_LARGE, "Request too large", tooLarge.getMessage());
        }
        return error(
                HttpStatus.BAD_REQUEST, "Malformed request body", "The request body is not a valid inference request.");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request has invalid fields.");
        return error(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }

    private static ResponseEntity<ProblemDetail> error(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("error", detail);
        return ResponseEntity.status(status).body(problem);
    }
}
