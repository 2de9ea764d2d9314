package io.tierserve.platform.inference;

import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The input cannot be fed to the cascade: bad base64, an undecodable image, a wrong shape, non-finite values. */
final class InvalidInferenceInputException extends ApiException {

    private InvalidInferenceInputException(String field, String detail) {
        super(HttpStatus.BAD_REQUEST, "Invalid input", detail, List.of(new FieldProblem(field, detail)));
    }

    static InvalidInferenceInputException because(String field, String detail) {
        return new InvalidInferenceInputException(field, detail);
    }
}
