package io.tierserve.platform.user;

import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A tenant user may not be named like a platform account, ignoring case: it would pass for one. */
final class UsernameReservedException extends ApiException {

    private static final long serialVersionUID = 1L;

    private UsernameReservedException(String detail) {
        super(HttpStatus.BAD_REQUEST, "User name reserved", detail, List.of(new FieldProblem("username", detail)));
    }

    static UsernameReservedException forName(String name) {
        return new UsernameReservedException(
                "The user name '" + name + "' is reserved: a platform account has this name (ignoring case).");
    }
}
