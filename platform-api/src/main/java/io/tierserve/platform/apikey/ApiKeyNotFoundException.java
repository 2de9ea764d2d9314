package io.tierserve.platform.apikey;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** No key of the tenant has the name the request used. */
final class ApiKeyNotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    private ApiKeyNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "API key not found", detail, List.of());
    }

    static ApiKeyNotFoundException forName(String tenant, String name) {
        return new ApiKeyNotFoundException("Tenant '" + tenant + "' has no API key named '" + name + "'.");
    }
}
