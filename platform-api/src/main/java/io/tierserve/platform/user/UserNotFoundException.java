package io.tierserve.platform.user;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The tenant has no user of this name. */
final class UserNotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    private UserNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "User not found", detail, List.of());
    }

    static UserNotFoundException forName(String tenant, String name) {
        return new UserNotFoundException("Tenant '" + tenant + "' has no user named '" + name + "'.");
    }
}
