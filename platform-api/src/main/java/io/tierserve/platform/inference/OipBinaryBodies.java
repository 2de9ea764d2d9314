package io.tierserve.platform.inference;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@code /v2} bodies of the binary tensor data extension ({@link OipBinary}),
 * with the application's JSON mapper and the same validation and body limit as JSON requests.
 */
@Component
class OipBinaryBodies {

    private final JsonMapper json;
    private final Validator validator;
    private final long maxBytes;

    OipBinaryBodies(
            JsonMapper json,
            Validator validator,
            @Value("${tierserve.public-api.max-body-bytes:16777216}") long maxBytes) {
        this.json = json;
        this.validator = validator;
        this.maxBytes = maxBytes;
    }

    /** The inference request of a body with a JSON header and binary inputs after it. */
    OipInferRequest read(HttpServletRequest request) throws IOException {
        byte[] body = OipBinary.readBody(request.getInputStream(), maxBytes);
        int headerLength = OipBinary.headerLength(request.getHeader(OipBinary.HEADER), body.length);
        OipInferRequest header;
        try {
            header = json.readerFor(OipInferRequest.class).readValue(body, 0, headerLength);
        } catch (JacksonException e) {
            throw InvalidInferenceInputException.because(
                    OipBinary.HEADER,
                    "The first " + headerLength + " bytes of the body are not a JSON inference request.");
        }
        if (header == null) {
            throw InvalidInferenceInputException.because(OipBinary.HEADER, "The inference header is empty.");
        }
        Set<ConstraintViolation<OipInferRequest>> violations = validator.validate(header);
        if (!violations.isEmpty()) {
            ConstraintViolation<OipInferRequest> first = violations.stream()
                    .min(Comparator.comparing(
                            violation -> violation.getPropertyPath().toString()))
                    .orElseThrow();
            throw InvalidInferenceInputException.because(
                    first.getPropertyPath().toString(), first.getPropertyPath() + " " + first.getMessage());
        }
        return OipBinary.withBinaryInputs(header, body, headerLength);
    }

    /** The response with the named outputs' data as binary after the JSON header. */
    OipBinary.Encoded write(Map<String, Object> response, List<String> binaryOutputs) {
        return OipBinary.encode(response, binaryOutputs, json::writeValueAsBytes);
    }
}
