package io.tierserve.platform.inference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Open Inference Protocol's binary tensor data extension: a JSON inference header of {@value
 * #HEADER} bytes, then each binary tensor's raw little-endian bytes in tensor order.
 *
 * <p>Every size a client declares is checked against the bytes actually received before anything
 * is allocated from it, so a body can never make the server hold more than the body itself.
 */
final class OipBinary {

    /** The request and response header that gives the JSON header's length in bytes. */
    static final String HEADER = "Inference-Header-Content-Length";

    /** A tensor's parameter giving its binary data's length in bytes. */
    static final String SIZE = "binary_data_size";

    private static final int READ_CHUNK = 64 * 1024;

    private OipBinary() {}

    /**
     * The whole body, refused with 413 once it passes {@code maxBytes} (a body without a declared
     * length is read in chunks, never into a buffer sized by the client).
     */
    static byte[] readBody(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[READ_CHUNK];
        long total = 0;
        int read;
        while ((read = in.read(chunk)) != -1) {
            total += read;
            if (total > maxBytes) {
                throw InputTooLargeException.body(maxBytes);
            }
            body.write(chunk, 0, read);
        }
        return body.toByteArray();
    }

    /** The JSON header's length from the request header: a non-negative integer no longer than the body. */
    static int headerLength(String declared, int bodyLength) {
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw InvalidInferenceInputException.because(
                    HEADER, "The " + HEADER + " header must be a non-negative integer, not '" + declared + "'.");
        }
        if (length < 0 || length > bodyLength) {
            throw InvalidInferenceInputException.because(
                    HEADER,
                    "The " + HEADER + " header says " + length + " bytes of JSON, but the body has " + bodyLength
                            + ".");
        }
        return (int) length;
    }

    /**
     * The request with each binary input's data read from {@code body} after the header; the sizes
     * must match the inputs' shapes and account for every byte after the header.
     */
    static OipInferRequest withBinaryInputs(OipInferRequest request, byte[] body, int offset) {
        List<OipInferRequest.Tensor> inputs = new ArrayList<>(request.inputs().size());
        int position = offset;
        for (int i = 0; i < request.inputs().size(); i++) {
            OipInferRequest.Tensor input = request.inputs().get(i);
            Long declared = binarySize(input, "inputs[" + i + "]");
            if (declared == null) {
                inputs.add(input);
                continue;
            }
            long size = declared;
            String field = "inputs[" + i + "].parameters." + SIZE;
            if (input.data() != null) {
                throw InvalidInferenceInputException.because(
                        field, "An input has either 'data' or binary data, not both.");
            }
            if (!"FP32".equals(input.datatype())) {
                throw InvalidInferenceInputException.because(
                        "inputs[" + i + "].datatype",
                        "Only FP32 inputs are served as binary data; send a BYTES input's strings as JSON.");
            }
            long expected = elements(input.shape(), "inputs[" + i + "].shape") * Float.BYTES;
            if (size != expected) {
                throw InvalidInferenceInputException.because(
                        field,
                        "The input's shape " + Arrays.toString(input.shape()) + " needs " + expected
                                + " bytes of FP32 data, not " + size + ".");
            }
            if (size > body.length - position) {
                throw InvalidInferenceInputException.because(
                        field,
                        "The input declares " + size + " bytes, but only " + (body.length - position)
                                + " follow the header.");
            }
            float[] data = new float[(int) (size / Float.BYTES)];
            ByteBuffer.wrap(body, position, (int) size)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(data);
            position += (int) size;
            inputs.add(new OipInferRequest.Tensor(
                    input.name(), input.shape(), input.datatype(), OipData.ofNumbers(data), null));
        }
        if (position != body.length) {
            throw InvalidInferenceInputException.because(
                    SIZE,
                    "The inputs' " + SIZE + " add up to " + (position - offset) + " bytes, but "
                            + (body.length - offset) + " follow the header.");
        }
        return new OipInferRequest(request.id(), request.parameters(), inputs, request.outputs());
    }

    /** The input's declared binary size, or null when it carries its data as JSON. */
    static Long binarySize(OipInferRequest.Tensor input, String field) {
        Object size = input.parameters() == null ? null : input.parameters().get(SIZE);
        if (size == null) {
            return null;
        }
        if (!(size instanceof Integer || size instanceof Long) || ((Number) size).longValue() < 0) {
            throw InvalidInferenceInputException.because(
                    field + ".parameters." + SIZE, "'" + SIZE + "' must be a non-negative integer.");
        }
        return ((Number) size).longValue();
    }

    private static long elements(long[] shape, String field) {
        long elements = 1;
        // a quarter of the long range: the byte count (elements × 4) cannot overflow either
        long most = Long.MAX_VALUE / Float.BYTES;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw InvalidInferenceInputException.because(field, "A dimension cannot be negative.");
            }
            if (dimension != 0 && elements > most / dimension) {
                throw InvalidInferenceInputException.because(field, "The shape has too many elements.");
            }
            elements *= dimension;
        }
        return elements;
    }

    /**
     * Moves the {@code data} of the named outputs out of the JSON response into raw bytes after it,
     * each such output then carrying {@code parameters.binary_data_size} instead.
     *
     * @param response the JSON response, its {@code outputs} a list of tensors with {@code data}
     * @return the response's JSON header (as {@code toJson} writes it) followed by the binary data
     */
    static Encoded encode(Map<String, Object> response, List<String> binaryOutputs, Function<Object, byte[]> toJson) {
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (Object item : (List<?>) response.get("outputs")) {
            Map<?, ?> output = (Map<?, ?>) item;
            if (!binaryOutputs.contains((String) output.get("name"))) {
                outputs.add(copy(output));
                continue;
            }
            byte[] bytes = bytes((String) output.get("datatype"), (List<?>) output.get("data"));
            binary.writeBytes(bytes);
            Map<String, Object> moved = copy(output);
            moved.remove("data");
            Map<String, Object> parameters = new LinkedHashMap<>();
            if (output.get("parameters") instanceof Map<?, ?> existing) {
                existing.forEach((key, value) -> parameters.put((String) key, value));
            }
            parameters.put(SIZE, bytes.length);
            moved.put("parameters", parameters);
            outputs.add(moved);
        }
        Map<String, Object> header = new LinkedHashMap<>(response);
        header.put("outputs", outputs);
        byte[] json = toJson.apply(header);
        ByteArrayOutputStream body = new ByteArrayOutputStream(json.length + binary.size());
        body.writeBytes(json);
        body.writeBytes(binary.toByteArray());
        return new Encoded(body.toByteArray(), json.length);
    }

    /** An encoded response: the JSON header's length and the whole body. */
    record Encoded(byte[] body, int headerLength) {}

    // little-endian, row-major; BYTES elements are a 4-byte length and the UTF-8 bytes
    private static byte[] bytes(String datatype, List<?> data) {
        switch (datatype) {
            case "FP32" -> {
                ByteBuffer buffer =
                        ByteBuffer.allocate(data.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                data.forEach(value -> buffer.putFloat(((Number) value).floatValue()));
                return buffer.array();
            }
            case "INT64" -> {
                ByteBuffer buffer =
                        ByteBuffer.allocate(data.size() * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                data.forEach(value -> buffer.putLong(((Number) value).longValue()));
                return buffer.array();
            }
            case "BYTES" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (Object value : data) {
                    byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
                    out.writeBytes(ByteBuffer.allocate(Integer.BYTES)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putInt(utf8.length)
                            .array());
                    out.writeBytes(utf8);
                }
                return out.toByteArray();
            }
            default -> throw new IllegalArgumentException("No binary form for datatype " + datatype);
        }
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put((String) key, value));
        return copy;
    }
}
