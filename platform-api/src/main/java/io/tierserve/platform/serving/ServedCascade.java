package io.tierserve.platform.serving;

import io.tierserve.platform.policy.ActivePolicy;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A cascade of a tenant with its active policy versions, one per (tier, device class). */
public record ServedCascade(UUID id, String name, Map<PolicySlot, ActivePolicy> policies) {

    /** The tier and device class a policy version serves. */
    public record PolicySlot(UUID tierId, String deviceClass) {}

    public ServedCascade {
        policies = Map.copyOf(policies);
    }

    /** The version serving the tier on the device class, if one is active. */
    public Optional<ActivePolicy> policy(UUID tierId, String deviceClass) {
        return Optional.ofNullable(policies.get(new PolicySlot(tierId, deviceClass)));
    }
}
