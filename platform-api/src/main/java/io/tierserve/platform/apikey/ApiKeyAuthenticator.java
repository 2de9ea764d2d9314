package io.tierserve.platform.apikey;

import io.tierserve.platform.serving.ServedKey;
import io.tierserve.platform.serving.ServedTenant;
import io.tierserve.platform.serving.ServingSnapshot;
import io.tierserve.platform.serving.ServingState;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Authenticates API keys, on every request of the public API, without the database: the key's
 * prefix finds it in the serving snapshot, whose SHA-256 is compared in constant time; a revocation
 * reaches every instance's snapshot through a change notification (within milliseconds). The key's
 * {@code last used} is written behind, in batches ({@link KeyUses}).
 *
 * <p>A class of its own, apart from the transactional {@link ApiKeyService}, so that no proxy stands
 * between a request and this method.
 */
@Component
public final class ApiKeyAuthenticator {

    private final ServingState serving;
    private final KeyUses uses;

    ApiKeyAuthenticator(ServingState serving, KeyUses uses) {
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
}
