package io.tierserve.platform.user;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A user name is unique within its tenant, ignoring case. */
final class UsernameTakenException extends ApiException {

    private static final long serialVersionUID = 1L;

    private UsernameTakenException(String detail) {
        super(HttpStatus.CONFLICT, "User name taken", detail, List.of());
    }

    static UsernameTakenException forName(String name) {
        return new UsernameTakenException("The user name '" + name + "' is taken in this tenant.");
    }
}
