package io.tierserve.platform.serving;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An unrevoked API key as authentication checks it: only the SHA-256 of its text is held.
 *
 * @param scopes what the key may call ({@code predict}, {@code admin:read})
 * @param expiresAt when it stops working, or null
 */
public record ServedKey(
        UUID tenantId,
        UUID keyId,
        String name,
        byte[] hash,
        Set<String> scopes,
        @Nullable Instant expiresAt) {

    public ServedKey {
        hash = hash.clone();
        scopes = Set.copyOf(scopes);
    }

    /** Whether {@code presentedHash} is this key's hash (compared in constant time) and the key is unexpired. */
    public boolean accepts(byte[] presentedHash, Instant now) {
        return MessageDigest.isEqual(hash, presentedHash) && (expiresAt == null || now.isBefore(expiresAt));
    }
}
