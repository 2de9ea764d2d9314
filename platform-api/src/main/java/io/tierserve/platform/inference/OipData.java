package io.tierserve.platform.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * An Open Inference Protocol tensor's {@code data} as JSON carries it, flattened: numbers (an
 * {@code FP32} tensor) or strings (a {@code BYTES} tensor, one string per element), never both.
 * Read token by token, so a large FP32 tensor becomes one float array and no tree of nodes.
 *
 * @param numbers the values of a numeric tensor, else {@code null}
 * @param strings the elements of a {@code BYTES} tensor, else {@code null}
 */
record OipData(float[] numbers, List<String> strings) {

    /** The most elements one tensor may carry as JSON. */
    static final int MAX_ELEMENTS = 8_388_608;

    static OipData ofNumbers(float[] numbers) {
        return new OipData(numbers, null);
    }

    int size() {
        return numbers != null ? numbers.length : strings.size();
    }

    /** Reads a flat JSON array of numbers or of strings; anything else is a malformed body. */
    static final class Reader extends ValueDeserializer<OipData> {

        @Override
        public OipData deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                return context.reportInputMismatch(OipData.class, "'data' must be an array");
            }
            float[] numbers = new float[16];
            List<String> strings = null;
            int count = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (count == MAX_ELEMENTS) {
                    return context.reportInputMismatch(
                            OipData.class, "'data' has more than " + MAX_ELEMENTS + " elements");
                }
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    if (strings != null) {
                        return context.reportInputMismatch(OipData.class, "'data' mixes numbers and strings");
                    }
                    if (count == numbers.length) {
                        numbers = Arrays.copyOf(numbers, Math.min(MAX_ELEMENTS, numbers.length * 2));
                    }
                    numbers[count++] = parser.getFloatValue();
                } else if (token == JsonToken.VALUE_STRING) {
                    if (strings == null) {
                        if (count > 0) {
                            return context.reportInputMismatch(OipData.class, "'data' mixes numbers and strings");
                        }
                        strings = new ArrayList<>();
                    }
                    strings.add(parser.getString());
                    count++;
                } else {
                    return context.reportInputMismatch(
                            OipData.class, "'data' must be a flat array of numbers or of strings");
                }
            }
            return strings != null ? new OipData(null, List.copyOf(strings)) : ofNumbers(Arrays.copyOf(numbers, count));
        }
    }
}
