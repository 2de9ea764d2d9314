package io.tierserve.platform.tenant;

import java.io.Serializable;
import java.util.UUID;

/** The primary key of every tenant-owned row: the tenant first, then the row's own id. */
public record TenantScopedId(UUID tenantId, UUID id) implements Serializable {}
