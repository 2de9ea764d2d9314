package io.tierserve.platform.cascade;

import io.tierserve.platform.config.ResourceNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One stage of a cascade as a request describes it.
 *
 * @param parent the name of the stage whose output this one follows; absent for a first stage
 * @param skipTo names of later stages the walk may jump to straight from this one (lines only)
 */
public record StageRequest(
        @NotBlank @Pattern(regexp = ResourceNames.PATTERN, message = ResourceNames.MESSAGE)
        String name,

        String parent,
        @Size(max = 2000) String description,
        @Size(max = 64) List<@NotBlank String> skipTo) {

    List<String> skipTargets() {
        return skipTo == null ? List.of() : skipTo;
    }
}
