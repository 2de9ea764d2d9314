package io.tierserve.platform.apikey;

import io.tierserve.platform.tenant.TenantScopedId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tenant's API key: its prefix and hash (never the key), scopes, and when it was used or revoked. */
@Entity
@Table(name = "api_keys")
@IdClass(TenantScopedId.class)
class ApiKey {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    private String name;

    private String prefix;

    @Column(name = "key_hash")
    private byte[] keyHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] scopes;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ApiKey() {}

    ApiKey(UUID tenantId, String name, ApiKeyToken token, List<String> scopes, Instant expiresAt) {
        this.tenantId = tenantId;
        this.id = UUID.randomUUID();
        this.name = name;
        this.prefix = token.prefix();
        this.keyHash = token.hash();
        this.scopes = scopes.toArray(String[]::new);
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** Revokes the key; a revoked key stays revoked. */
    boolean revoke() {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return true;
    }

    UUID tenantId() {
        return tenantId;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String prefix() {
        return prefix;
    }

    List<String> scopes() {
        return Arrays.asList(scopes.clone());
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }
}
