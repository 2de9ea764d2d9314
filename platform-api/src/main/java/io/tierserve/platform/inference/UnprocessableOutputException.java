package io.tierserve.platform.inference;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The cascade's model produced no finite answer for a (finite) input: 422, and nothing is served. */
final class UnprocessableOutputException extends ApiException {

    private static final long serialVersionUID = 1L;

    private UnprocessableOutputException(String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable input", detail, List.of());
    }

    static UnprocessableOutputException because(String detail) {
        return new UnprocessableOutputException(detail);
    }
}
