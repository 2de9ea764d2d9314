package io.tierserve.platform.serving;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An immutable view of everything a request needs before it reaches a worker: keys by prefix,
 * tenants by id and by name. A change replaces one tenant's part and yields a new snapshot.
 */
public final class ServingSnapshot {

    static final ServingSnapshot EMPTY = new ServingSnapshot(Map.of(), Map.of(), Map.of());

    private final Map<UUID, ServedTenant> tenants;
    private final Map<String, UUID> tenantIds;
    private final Map<String, ServedKey> keys;

    private ServingSnapshot(Map<UUID, ServedTenant> tenants, Map<String, UUID> tenantIds, Map<String, ServedKey> keys) {
        this.tenants = tenants;
        this.tenantIds = tenantIds;
        this.keys = keys;
    }

    /** A snapshot of exactly these tenants and keys. */
    static ServingSnapshot of(Collection<ServedTenant> tenants, Map<String, ServedKey> keysByPrefix) {
        Map<UUID, ServedTenant> byId = new HashMap<>();
        Map<String, UUID> ids = new HashMap<>();
        for (ServedTenant tenant : tenants) {
            byId.put(tenant.id(), tenant);
            ids.put(tenant.name(), tenant.id());
        }
        return new ServingSnapshot(Map.copyOf(byId), Map.copyOf(ids), Map.copyOf(keysByPrefix));
    }

    /**
     * This snapshot with one tenant's part replaced: its entry (removed when {@code tenant} is
     * empty, as after a deletion) and all its keys.
     */
    ServingSnapshot withTenant(UUID id, Optional<ServedTenant> tenant, Map<String, ServedKey> tenantKeys) {
        Map<UUID, ServedTenant> byId = new HashMap<>(tenants);
        Map<String, UUID> ids = new HashMap<>(tenantIds);
        ServedTenant before = byId.remove(id);
        if (before != null) {
            ids.remove(before.name());
        }
        tenant.ifPresent(t -> {
            byId.put(id, t);
            ids.put(t.name(), id);
        });
        Map<String, ServedKey> keysByPrefix = new HashMap<>(keys);
        keysByPrefix.values().removeIf(key -> key.tenantId().equals(id));
        if (tenant.isPresent()) {
            keysByPrefix.putAll(tenantKeys);
        }
        return new ServingSnapshot(Map.copyOf(byId), Map.copyOf(ids), Map.copyOf(keysByPrefix));
    }

    /** The unrevoked key with this prefix. */
    public Optional<ServedKey> key(String prefix) {
        return Optional.ofNullable(keys.get(prefix));
    }

    public Optional<ServedTenant> tenant(UUID id) {
        return Optional.ofNullable(tenants.get(id));
    }

    public Optional<ServedTenant> tenant(String name) {
        UUID id = tenantIds.get(name);
        return id == null ? Optional.empty() : tenant(id);
    }

    Collection<ServedTenant> tenants() {
        return tenants.values();
    }

    int keyCount() {
        return keys.size();
    }
}
