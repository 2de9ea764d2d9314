package io.tierserve.platform.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A tenant user to create.
 *
 * @param role {@code TENANT_ADMIN} or {@code TENANT_VIEWER}
 */
record UserRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")
        String username,

        @NotBlank @Size(min = 12, max = 200) String password,

        @NotNull @Pattern(regexp = "TENANT_ADMIN|TENANT_VIEWER")
        String role) {}
