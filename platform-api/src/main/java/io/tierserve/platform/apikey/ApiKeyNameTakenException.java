package io.tierserve.platform.apikey;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The tenant already has a key with this name. */
final class ApiKeyNameTakenException extends ApiException {

    private static final long serialVersionUID = 1L;

    private ApiKeyNameTakenException(String detail) {
        super(HttpStatus.CONFLICT, "API key name taken", detail, List.of());
    }

    static ApiKeyNameTakenException forName(String name) {
        return new ApiKeyNameTakenException("An API key named '" + name + "' exists already.");
    }
}
