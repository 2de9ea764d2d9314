package io.tierserve.platform.cascade;

import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A cascade's inputShape, labels or preprocessing that uploaded models could not be served with. */
final class InvalidModelInputException extends ApiException {

    private InvalidModelInputException(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "Invalid model input", "The cascade's model input fields are invalid.", problems);
    }

    static InvalidModelInputException because(String field, String message) {
        return new InvalidModelInputException(List.of(new FieldProblem(field, message)));
    }
}
