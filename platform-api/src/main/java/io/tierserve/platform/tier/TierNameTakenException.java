package io.tierserve.platform.tier;

import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The tenant already has a tier with the requested name. */
final class TierNameTakenException extends ApiException {

    private TierNameTakenException(String name) {
        super(
                HttpStatus.CONFLICT,
                "Name taken",
                "A tier named '" + name + "' already exists in this tenant.",
                List.of(new FieldProblem("name", "is already taken")));
    }

    static TierNameTakenException forName(String name) {
        return new TierNameTakenException(name);
    }
}
