package io.tierserve.platform.worker;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a worker reports every few seconds.
 *
 * @param workerId its name, stable across restarts
 * @param url where the platform calls it
 * @param capacity how many requests it runs at once
 * @param cascades the model keys it holds
 */
record Heartbeat(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,99}")
        String workerId,

        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String pool,

        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}")
        String deviceClass,

        @NotNull @Pattern(regexp = "https?://[^\\s]{1,490}") String url,
        @Min(1) @Max(10_000) Integer capacity,
        @Size(max = 1000) List<@NotNull @Size(max = 200) String> cascades) {}
