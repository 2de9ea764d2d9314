package io.tierserve.platform.tenant;

import io.tierserve.platform.config.ResourceNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a platform admin sends to create or update a tenant. */
public record TenantRequest(
        @NotBlank @Pattern(regexp = ResourceNames.PATTERN, message = ResourceNames.MESSAGE)
        String name,

        @NotBlank @Size(max = 200) String displayName) {}
