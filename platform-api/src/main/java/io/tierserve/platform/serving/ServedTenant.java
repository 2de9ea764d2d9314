package io.tierserve.platform.serving;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's part of the serving snapshot: its tiers by name, its cascades by name and its own
 * limits.
 *
 * @param defaultTier the name of the tier a request without one is served under, or null
 */
public record ServedTenant(
        UUID id,
        String name,
        Limits limits,
        Map<String, ServedTier> tiers,
        @Nullable String defaultTier,
        Map<String, ServedCascade> cascades) {

    public ServedTenant {
        tiers = Map.copyOf(tiers);
        cascades = Map.copyOf(cascades);
    }

    /** The tier named {@code name}, or the default tier when {@code name} is null. */
    public Optional<ServedTier> tier(@Nullable String name) {
        if (name != null) {
            return Optional.ofNullable(tiers.get(name));
        }
        return defaultTier == null ? Optional.empty() : Optional.ofNullable(tiers.get(defaultTier));
    }

    /** The tiers' names, sorted. */
    public List<String> tierNames() {
        return tiers.keySet().stream().sorted().toList();
    }

    public Optional<ServedCascade> cascade(String name) {
        return Optional.ofNullable(cascades.get(name));
    }
}
