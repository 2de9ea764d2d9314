package io.tierserve.platform.tenant;

import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** Another tenant already has the requested name. */
final class TenantNameTakenException extends ApiException {

    private TenantNameTakenException(String name) {
        super(
                HttpStatus.CONFLICT,
                "Name taken",
                "A tenant named '" + name + "' already exists.",
                List.of(new FieldProblem("name", "is already taken")));
    }

    static TenantNameTakenException forName(String name) {
        return new TenantNameTakenException(name);
    }
}
