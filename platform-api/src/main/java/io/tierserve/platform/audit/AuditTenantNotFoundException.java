package io.tierserve.platform.audit;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The audit API names a tenant that does not exist or that the caller may not see (the same answer). */
final class AuditTenantNotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    private AuditTenantNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "Tenant not found", detail, List.of());
    }

    static AuditTenantNotFoundException forName(String name) {
        return new AuditTenantNotFoundException("No tenant named '" + name + "'.");
    }
}
