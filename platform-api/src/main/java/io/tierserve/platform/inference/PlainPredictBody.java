package io.tierserve.platform.inference;

import io.tierserve.worker.json.PlainJson;

/**
 * Reads the common form of a {@code /v1} prediction body — {@code tier}, one {@code tensor} with
 * its {@code shape} and {@code data}, {@code deadlineMs}, {@code scores}, in any order, each at most
 * once — straight from its bytes with {@link PlainJson}. Any other body (an image, a batch, an
 * unknown or repeated member, a {@code null}, an escape, a malformed token) is not read here: the
 * caller gives the same bytes to the application's strict JSON mapper, which reads it or says what
 * is wrong with it. For every body read here the result equals the mapper's, which
 * {@code PlainPredictBodyTests} checks on generated and mutated bodies.
 */
final class PlainPredictBody {

    private PlainPredictBody() {}

    /** The request in {@code bytes[0..length)}, or null when it is not in the common form. */
    static PublicPredictRequest read(byte[] bytes, int length) {
        try {
            return read(new PlainJson(bytes, length));
        } catch (PlainJson.NotPlain e) {
            return null;
        }
    }

    private static PublicPredictRequest read(PlainJson json) {
        String tier = null;
        TensorInput tensor = null;
        Double deadlineMs = null;
        Boolean scores = null;
        json.expect('{');
        for (String name = json.nextName(true); name != null; name = json.nextName(false)) {
            switch (name) {
                case "tier" -> {
                    once(tier);
                    tier = json.string();
                }
                case "tensor" -> {
                    once(tensor);
                    tensor = tensor(json);
                }
                case "deadlineMs" -> {
                    once(deadlineMs);
                    deadlineMs = json.doubleValue();
                }
                case "scores" -> {
                    once(scores);
                    scores = json.bool();
                }
                default -> throw PlainJson.notPlain();
            }
        }
        if (!json.atEnd()) {
            throw PlainJson.notPlain();
        }
        return new PublicPredictRequest(tier, null, tensor, null, deadlineMs, scores);
    }

    private static TensorInput tensor(PlainJson json) {
        long[] shape = null;
        float[] data = null;
        json.expect('{');
        for (String name = json.nextName(true); name != null; name = json.nextName(false)) {
            switch (name) {
                case "shape" -> {
                    once(shape);
                    shape = json.longArray();
                }
                case "data" -> {
                    once(data);
                    data = json.floatArray();
                }
                default -> throw PlainJson.notPlain();
            }
        }
        return new TensorInput(shape, data);
    }

    /** A member seen twice is the strict mapper's to refuse. */
    private static void once(Object seen) {
        if (seen != null) {
            throw PlainJson.notPlain();
        }
    }
}
