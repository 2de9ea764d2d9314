package io.tierserve.platform.apikey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A key to create.
 *
 * @param scopes what the key may do; {@code predict} when absent
 * @param expiresAt when it stops working; never when absent
 */
record ApiKeyRequest(
        @NotBlank @Size(max = 100) String name,
        @Size(min = 1, max = 2) List<@Pattern(regexp = "predict|admin:read") String> scopes,
        Instant expiresAt) {

    List<String> scopesOrDefault() {
        return scopes == null ? List.of(ApiKeyService.PREDICT) : List.copyOf(new java.util.TreeSet<>(scopes));
    }
}
