package io.tierserve.platform.cascade;

import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A stage graph that is not a forest of single-parent stages, or whose skips break the line rules. */
final class InvalidStageGraphException extends ApiException {

    private InvalidStageGraphException(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "Invalid stage graph", "The stages do not form a valid cascade.", problems);
    }

    static InvalidStageGraphException because(List<FieldProblem> problems) {
        return new InvalidStageGraphException(problems);
    }
}
