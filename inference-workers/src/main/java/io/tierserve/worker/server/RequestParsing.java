package io.tierserve.worker.server;

import io.tierserve.policy.baseline.CascadePaths;
import io.tierserve.policy.baseline.SingleStagePolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.execution.CompiledPolicy;
import io.tierserve.worker.execution.InferenceInput;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** Reads the parts of a request body: input and policy (documents are parsed once and cached). */
final class RequestParsing {

    private static final int CACHE_LIMIT = 256;

    private final Map<String, CompiledPolicy> policies = new ConcurrentHashMap<>();

    static InferenceInput input(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new BadRequestException("'input' must be an object with 'image', 'text', or 'shape' and 'data'");
        }
        if (node.has("text")) {
            if (!node.get("text").isString()) {
                throw new BadRequestException("'input.text' must be a string");
            }
            return InferenceInput.text(node.get("text").stringValue());
        }
        if (node.has("image")) {
            if (!node.get("image").isString()) {
                throw new BadRequestException("'input.image' must be a base64 string");
            }
            return InferenceInput.image(node.get("image").stringValue());
        }
        JsonNode shape = node.get("shape");
        JsonNode data = node.get("data");
        if (shape == null || !shape.isArray() || data == null || !data.isArray()) {
            throw new BadRequestException("'input' needs 'image', or 'shape' and 'data' arrays");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!shape.get(i).isIntegralNumber()) {
                throw new BadRequestException("'input.shape[" + i + "]' must be an integer");
            }
            dims[i] = shape.get(i).longValue();
        }
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = data.get(i);
            if (!v.isNumber()) {
                throw new BadRequestException("'input.data[" + i + "]' must be a number");
            }
            values[i] = v.floatValue();
        }
        return InferenceInput.tensor(dims, values);
    }

    /**
     * A policy document, or {@code "full"} (every stage on the deepest path, answer the last) or
     * {@code "first"} (only the first stage).
     */
    CompiledPolicy policy(JsonNode node, CascadeManifest manifest) {
        int n = manifest.stages().size();
        if (node != null && node.isString()) {
            int[] path = CascadePaths.deepestPath(manifest.parents());
            return switch (node.stringValue()) {
                case "full" -> new CompiledPolicy(new SingleStagePolicy(n, path, path.length - 1, null), null);
                case "first" -> new CompiledPolicy(new SingleStagePolicy(n, path, 0, null), null);
                default -> throw new BadRequestException("'policy' must be a policy document, \"full\" or \"first\"");
            };
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("'policy' must be a policy document, \"full\" or \"first\"");
        }
        String json = node.toString();
        CompiledPolicy cached = policies.get(json);
        if (cached != null) {
            return cached;
        }
        CompiledPolicy parsed;
        try {
            parsed = CompiledPolicy.of(PolicyDocument.read(json));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("invalid policy: " + e.getMessage());
        }
        if (policies.size() >= CACHE_LIMIT) {
            policies.clear();
        }
        policies.put(json, parsed);
        return parsed;
    }
}
