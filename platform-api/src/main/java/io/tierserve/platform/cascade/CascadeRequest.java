package io.tierserve.platform.cascade;

import io.tierserve.platform.config.ResourceNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What a tenant admin sends to create a cascade or replace one (name, description and stage graph). */
public record CascadeRequest(
        @NotBlank @Pattern(regexp = ResourceNames.PATTERN, message = ResourceNames.MESSAGE)
        String name,

        @Size(max = 2000) String description,
        @NotEmpty @Size(max = 64) List<@NotNull @Valid StageRequest> stages) {}
