package io.tierserve.platform.apikey;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.config.PageResponse;
import io.tierserve.platform.tenant.TenantService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists and revokes API keys; {@link ApiKeyAuthenticator} authenticates them.
 */
@Service
public class ApiKeyService {

    /** The scope of the public inference API. */
    public static final String PREDICT = "predict";

    private final ApiKeyRepository keys;
    private final TenantService tenants;
    private final AuditLog audit;
    private final KeyUses uses;

    ApiKeyService(ApiKeyRepository keys, TenantService tenants, AuditLog audit, KeyUses uses) {
        this.keys = keys;
        this.tenants = tenants;
        this.audit = audit;
        this.uses = uses;
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
