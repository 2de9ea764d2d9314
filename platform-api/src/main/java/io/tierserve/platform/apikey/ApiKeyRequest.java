package io.tierserve.platform.apikey;

import io.tierserve.platform.config.ResourceNames;
import io.tierserve.platform.config.StorableInstant;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A key to create.
 *
 * @param name the key's name, a resource name like every other ({@link ResourceNames})
 * @param scopes what the key may do; {@code predict} when absent
 * @param expiresAt when it stops working; never when absent
 */
record ApiKeyRequest(
        @NotBlank @Pattern(regexp = ResourceNames.PATTERN, message = ResourceNames.MESSAGE)
        String name,

        @Size(min = 1, max = 2) List<@Pattern(regexp = "predict|admin:read") String> scopes,
        @Future @StorableInstant Instant expiresAt) {

    List<String> scopesOrDefault() {
        return scopes == null ? List.of(ApiKeyService.PREDICT) : List.copyOf(new java.util.TreeSet<>(scopes));
    }
}
