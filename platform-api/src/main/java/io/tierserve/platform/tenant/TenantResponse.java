package io.tierserve.platform.tenant;

import java.time.Instant;
import java.util.UUID;

/** A tenant as the API shows it. */
record TenantResponse(UUID id, String name, String displayName, long version, Instant createdAt, Instant updatedAt) {

    static TenantResponse of(Tenant tenant) {
        return new TenantResponse(
                tenant.id(),
                tenant.name(),
                tenant.displayName(),
                tenant.version(),
                tenant.createdAt(),
                tenant.updatedAt());
    }
}
