package io.tierserve.platform.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A key as admins see it: never the secret, except in the one response that created it.
 *
 * @param key the full key, only in the creation response (shown once)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyResponse(
        UUID id,
        String name,
        String prefix,
        List<String> scopes,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        boolean active,
        String key) {

    static ApiKeyResponse of(ApiKey key) {
        return new ApiKeyResponse(
                key.id(),
                key.name(),
                key.prefix(),
                key.scopes(),
                key.createdAt(),
                key.expiresAt(),
                key.lastUsedAt(),
                key.revokedAt(),
                key.revokedAt() == null
                        && (key.expiresAt() == null || Instant.now().isBefore(key.expiresAt())),
                null);
    }

    ApiKeyResponse withKey(String text) {
        return new ApiKeyResponse(id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt, active, text);
    }
}
