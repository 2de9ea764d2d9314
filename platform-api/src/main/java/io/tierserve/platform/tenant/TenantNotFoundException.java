package io.tierserve.platform.tenant;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** No tenant has the name the request used. */
public final class TenantNotFoundException extends ApiException {

    private TenantNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "Tenant not found", detail, List.of());
    }

    public static TenantNotFoundException forName(String name) {
        return new TenantNotFoundException("No tenant named '" + name + "'.");
    }
}
