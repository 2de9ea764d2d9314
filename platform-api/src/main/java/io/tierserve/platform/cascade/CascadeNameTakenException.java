package io.tierserve.platform.cascade;

import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The tenant already has a cascade with the requested name. */
final class CascadeNameTakenException extends ApiException {

    private CascadeNameTakenException(String name) {
        super(
                HttpStatus.CONFLICT,
                "Name taken",
                "A cascade named '" + name + "' already exists in this tenant.",
                List.of(new FieldProblem("name", "is already taken")));
    }

    static CascadeNameTakenException forName(String name) {
        return new CascadeNameTakenException(name);
    }
}
