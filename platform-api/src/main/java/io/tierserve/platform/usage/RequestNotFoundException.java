package io.tierserve.platform.usage;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** No request of the tenant has this id. */
final class RequestNotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    private RequestNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "Request not found", detail, List.of());
    }

    static RequestNotFoundException forId(UUID id) {
        return new RequestNotFoundException("No request with id " + id + ".");
    }
}
