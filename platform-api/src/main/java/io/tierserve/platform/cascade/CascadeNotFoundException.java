package io.tierserve.platform.cascade;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The tenant has no cascade with the name the request used. */
public final class CascadeNotFoundException extends ApiException {

    private CascadeNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "Cascade not found", detail, List.of());
    }

    public static CascadeNotFoundException forName(String tenant, String name) {
        return new CascadeNotFoundException("Tenant '" + tenant + "' has no cascade named '" + name + "'.");
    }
}
