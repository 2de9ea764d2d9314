package io.tierserve.platform.apikey;

import io.tierserve.platform.config.TenantPrincipal;
import java.util.Set;
import java.util.UUID;

/**
 * The caller behind an accepted API key: its tenant and what the key may do.
 *
 * @param scopes the key's scopes ({@code predict}, {@code admin:read})
 */
public record ApiKeyPrincipal(UUID keyId, String keyName, UUID tenantId, String tenantName, Set<String> scopes)
        implements TenantPrincipal {

    public ApiKeyPrincipal {
        scopes = Set.copyOf(scopes);
    }

    @Override
    public UUID boundTenantId() {
        return tenantId;
    }

    @Override
    public String toString() {
        return "apikey:" + tenantName + "/" + keyName;
    }
}
