package io.tierserve.platform.user;

import io.tierserve.platform.config.ResourceNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A tenant user to create.
 *
 * @param username a resource name like every other ({@link ResourceNames}): lower case, so no look-alike of
 *     another account differs from it only in case
 * @param role {@code TENANT_ADMIN} or {@code TENANT_VIEWER}
 */
record UserRequest(
        @NotBlank @Pattern(regexp = ResourceNames.PATTERN, message = ResourceNames.MESSAGE)
        String username,

        @NotBlank @Size(min = 12, max = 200) String password,

        @NotNull @Pattern(regexp = "TENANT_ADMIN|TENANT_VIEWER")
        String role) {}
