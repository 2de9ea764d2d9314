package io.tierserve.platform.inference;

import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The request is larger than the public API takes: too many inputs, or too many bytes (413). */
final class InputTooLargeException extends ApiException {

    private static final long serialVersionUID = 1L;

    private InputTooLargeException(String detail, List<FieldProblem> problems) {
        super(HttpStatus.CONTENT_TOO_LARGE, "Request too large", detail, problems);
    }

    static InputTooLargeException batch(int size, int max) {
        String detail = "The batch has " + size + " inputs; at most " + max + " are allowed.";
        return new InputTooLargeException(detail, List.of(new FieldProblem("inputs", detail)));
    }

    static InputTooLargeException body(long maxBytes) {
        return new InputTooLargeException(
                "The body has more than " + maxBytes + " bytes; at most " + maxBytes + " are allowed.", List.of());
    }
}
