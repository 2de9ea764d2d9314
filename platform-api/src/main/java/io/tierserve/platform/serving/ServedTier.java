package io.tierserve.platform.serving;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tier as requests are served under it.
 *
 * @param priority 0 (lowest) to 9: who goes first when the workers are saturated
 * @param deadlineMs the tier's per-request deadline, or null
 * @param deviceClass the device class the tier's requests go to first, or null for the platform's order
 */
public record ServedTier(
        UUID id,
        String name,
        int priority,
        @Nullable Double deadlineMs,
        Limits limits,
        @Nullable String deviceClass) {}
