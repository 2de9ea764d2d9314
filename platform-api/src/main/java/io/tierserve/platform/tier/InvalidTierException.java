package io.tierserve.platform.tier;

import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A tier whose settings contradict each other. */
final class InvalidTierException extends ApiException {

    private InvalidTierException(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "Invalid request", "The tier's settings are inconsistent.", problems);
    }

    static InvalidTierException because(List<FieldProblem> problems) {
        return new InvalidTierException(problems);
    }
}
