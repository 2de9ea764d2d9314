package io.tierserve.platform.config;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Reads a JSON string that PostgreSQL can store as text: no U+0000 and no unpaired surrogate (valid
 * JSON, but not valid text for the database, which would refuse it only at the insert).
 */
final class StorableStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = super.deserialize(parser, context);
        if (value != null && !storable(value)) {
            return context.reportInputMismatch(this, "a string may contain neither U+0000 nor an unpaired surrogate");
        }
        return value;
    }

    static boolean storable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
