package io.tierserve.platform.apikey;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.config.PageResponse;
import io.tierserve.platform.serving.ServedKey;
import io.tierserve.platform.serving.ServedTenant;
import io.tierserve.platform.serving.ServingSnapshot;
import io.tierserve.platform.serving.ServingState;
import io.tierserve.platform.tenant.TenantService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, revokes and authenticates API keys.
 *
 * <p>Authentication reads no database: the key's prefix finds it in the serving snapshot, whose
 * SHA-256 is compared in constant time; a revocation reaches every instance's snapshot through a
 * change notification (within milliseconds). The key's {@code last used} is written behind, in
 * batches ({@link KeyUses}).
 */
@Service
public class ApiKeyService {

    /** The scope of the public inference API. */
    public static final String PREDICT = "predict";

    private final ApiKeyRepository keys;
    private final TenantService tenants;
    private final AuditLog audit;
    private final ServingState serving;
    private final KeyUses uses;

    ApiKeyService(ApiKeyRepository keys, TenantService tenants, AuditLog audit, ServingState serving, KeyUses uses) {
        this.keys = keys;
        this.tenants = tenants;
        this.audit = audit;
        this.serving = serving;
        this.uses = uses;
    }

    /** The caller behind {@code text}, if it is a known, unrevoked, unexpired key; notes the key used. */
    public Optional<ApiKeyPrincipal> authenticate(String text) {
        Optional<ApiKeyToken> token = ApiKeyToken.parse(text);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        ServingSnapshot snapshot = serving.snapshot();
        Optional<ServedKey> found = snapshot.key(token.get().prefix());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ServedKey key = found.get();
        Instant now = Instant.now();
        if (!key.accepts(token.get().hash(), now)) {
            return Optional.empty();
        }
        Optional<ServedTenant> tenant = snapshot.tenant(key.tenantId());
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        uses.used(key.tenantId(), key.keyId(), now);
        return Optional.of(new ApiKeyPrincipal(
                key.keyId(), key.name(), key.tenantId(), tenant.get().name(), key.scopes()));
    }

    @Transactional
    ApiKeyResponse create(String tenant, ApiKeyRequest request) {
        return create(tenants.idOf(tenant), request.name(), ApiKeyToken.generate(), request);
    }

    /**
     * Stores {@code text} as a key of the tenant (the demo key a setting fixes); does nothing when a
     * key with its prefix exists.
     *
     * @return whether a key was added
     * @throws IllegalArgumentException when {@code text} is not shaped like a key
     */
    @Transactional
    public boolean ensure(UUID tenantId, String name, String text) {
        ApiKeyToken token = ApiKeyToken.parse(text)
                .orElseThrow(() -> new IllegalArgumentException(
                        "an API key looks like ts_<12 letters or digits>_<secret" + " of 16 or more characters>"));
        if (keys.findByPrefix(token.prefix()).isPresent()) {
            return false;
        }
        create(tenantId, name, token, new ApiKeyRequest(name, List.of(PREDICT), null));
        return true;
    }

    /** Creates a new key of the tenant and returns its full text (shown once). */
    @Transactional
    public String createKey(UUID tenantId, String name) {
        return create(tenantId, name, ApiKeyToken.generate(), new ApiKeyRequest(name, List.of(PREDICT), null))
                .key();
    }

    private ApiKeyResponse create(UUID tenantId, String name, ApiKeyToken token, ApiKeyRequest request) {
        if (keys.existsByTenantIdAndName(tenantId, name)) {
            throw ApiKeyNameTakenException.forName(name);
        }
        ApiKey key = keys.save(new ApiKey(tenantId, name, token, request.scopesOrDefault(), request.expiresAt()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("prefix", key.prefix());
        details.put("scopes", key.scopes());
        details.put(
                "expiresAt", key.expiresAt() == null ? null : key.expiresAt().toString());
        audit.record(tenantId, "apikey.created", "api_key", key.id(), key.name(), details);
        return ApiKeyResponse.of(key).withKey(token.text());
    }

    @Transactional(readOnly = true)
    PageResponse<ApiKeyResponse> list(String tenant, int page, int size) {
        uses.flush();
        return PageResponse.of(
                keys.findByTenantId(tenants.idOf(tenant), PageRequest.of(page, size, Sort.by("name"))),
                ApiKeyResponse::of);
    }

    @Transactional(readOnly = true)
    ApiKeyResponse get(String tenant, String name) {
        uses.flush();
        return ApiKeyResponse.of(require(tenant, name));
    }

    /** Revokes the key; it fails from the next request on, on every instance. */
    @Transactional
    ApiKeyResponse revoke(String tenant, String name) {
        ApiKey key = require(tenant, name);
        if (key.revoke()) {
            keys.flush();
            audit.record(
                    key.tenantId(), "apikey.revoked", "api_key", key.id(), key.name(), Map.of("prefix", key.prefix()));
        }
        return ApiKeyResponse.of(key);
    }

    private ApiKey require(String tenant, String name) {
        return keys.findByTenantIdAndName(tenants.idOf(tenant), name)
                .orElseThrow(() -> ApiKeyNotFoundException.forName(tenant, name));
    }
}
