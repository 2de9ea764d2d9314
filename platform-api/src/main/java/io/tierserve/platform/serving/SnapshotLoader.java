package io.tierserve.platform.serving;

import io.tierserve.platform.policy.ActivePolicy;
import io.tierserve.platform.policy.PolicyPlan;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the serving snapshot from PostgreSQL: everything, or one tenant's part.
 *
 * <p>Each load reads in one read-only REPEATABLE READ transaction, so it sees one committed state,
 * on a plain JDBC transaction of its own (never bound to a caller's tenant: the snapshot spans every
 * tenant). A version's policy tables are parsed once per version id and reused across loads.
 */
final class SnapshotLoader {

    /** One tenant's rows, or every tenant's when loading all. */
    record Loaded(List<ServedTenant> tenants, Map<String, ServedKey> keys) {}

    private record TierRow(UUID tenantId, ServedTier tier, boolean isDefault) {}

    private record VersionRow(UUID tenantId, UUID id, int number, UUID cascadeId, UUID tierId, String deviceClass) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Map<UUID, PolicyPlan> plans = new ConcurrentHashMap<>();

    SnapshotLoader(DataSource dataSource, JsonMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transactions.setReadOnly(true);
        transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Every tenant. */
    Loaded all() {
        Loaded loaded = transactions.execute(status -> load(null));
        // versions no longer active anywhere need not stay parsed
        Set<UUID> active = new HashSet<>();
        loaded.tenants()
                .forEach(tenant -> tenant.cascades()
                        .values()
                        .forEach(cascade ->
                                cascade.policies().values().forEach(policy -> active.add(policy.versionId()))));
        plans.keySet().retainAll(active);
        return loaded;
    }

    /** One tenant; no tenant when it does not exist (any more). */
    Loaded tenant(UUID tenantId) {
        return transactions.execute(status -> load(tenantId));
    }

    private Loaded load(@Nullable UUID only) {
        String filter = only == null ? "" : " where tenant_id = ?";
        Object[] args = only == null ? new Object[0] : new Object[] {only};

        Map<UUID, String> names = new HashMap<>();
        jdbc.query(
                "select id, name from tenants" + (only == null ? "" : " where id = ?"),
                rs -> {
                    names.put(rs.getObject("id", UUID.class), rs.getString("name"));
                },
                args);
        Map<UUID, Limits> tenantLimits = new HashMap<>();
        jdbc.query(
                "select tenant_id, rate_limit_per_second, quota_per_day from tenant_limits" + filter,
                rs -> {
                    tenantLimits.put(rs.getObject("tenant_id", UUID.class), limits(rs));
                },
                args);
        List<TierRow> tiers = jdbc.query(
                "select tenant_id, id, name, priority, deadline_ms, rate_limit_per_second, quota_per_day, default_tier,"
                        + " device_class from tiers" + filter,
                (rs, i) -> new TierRow(
                        rs.getObject("tenant_id", UUID.class),
                        new ServedTier(
                                rs.getObject("id", UUID.class),
                                rs.getString("name"),
                                rs.getInt("priority"),
                                rs.getObject("deadline_ms", Double.class),
                                limits(rs),
                                rs.getString("device_class")),
                        rs.getBoolean("default_tier")),
                args);
        Map<UUID, Map<UUID, String>> cascades = new HashMap<>();
        jdbc.query(
                "select tenant_id, id, name from cascades" + filter,
                rs -> {
                    cascades.computeIfAbsent(rs.getObject("tenant_id", UUID.class), t -> new HashMap<>())
                            .put(rs.getObject("id", UUID.class), rs.getString("name"));
                },
                args);
        List<VersionRow> versions = jdbc.query(
                "select tenant_id, id, version_number, cascade_id, tier_id, device_class from policy_versions"
                        + " where status = 'ACTIVE'" + (only == null ? "" : " and tenant_id = ?"),
                (rs, i) -> new VersionRow(
                        rs.getObject("tenant_id", UUID.class),
                        rs.getObject("id", UUID.class),
                        rs.getInt("version_number"),
                        rs.getObject("cascade_id", UUID.class),
                        rs.getObject("tier_id", UUID.class),
                        rs.getString("device_class")),
                args);
        parseNew(versions);
        Map<String, ServedKey> keys = new HashMap<>();
        jdbc.query(
                "select tenant_id, id, name, prefix, key_hash, scopes, expires_at from api_keys"
                        + " where revoked_at is null" + (only == null ? "" : " and tenant_id = ?"),
                rs -> {
                    Timestamp expires = rs.getTimestamp("expires_at");
                    keys.put(
                            rs.getString("prefix"),
                            new ServedKey(
                                    rs.getObject("tenant_id", UUID.class),
                                    rs.getObject("id", UUID.class),
                                    rs.getString("name"),
                                    rs.getBytes("key_hash"),
                                    Set.copyOf(strings(rs.getArray("scopes"))),
                                    expires == null ? null : expires.toInstant()));
                },
                args);
        keys.values().removeIf(key -> !names.containsKey(key.tenantId()));
        return new Loaded(assemble(names, tenantLimits, tiers, cascades, versions), keys);
    }

    private List<ServedTenant> assemble(
            Map<UUID, String> names,
            Map<UUID, Limits> tenantLimits,
            List<TierRow> tierRows,
            Map<UUID, Map<UUID, String>> cascadeNames,
            List<VersionRow> versions) {
        Map<UUID, Map<UUID, ServedTier>> tiersById = new HashMap<>();
        Map<UUID, String> defaults = new HashMap<>();
        for (TierRow row : tierRows) {
            tiersById
                    .computeIfAbsent(row.tenantId(), t -> new HashMap<>())
                    .put(row.tier().id(), row.tier());
            if (row.isDefault()) {
                defaults.put(row.tenantId(), row.tier().name());
            }
        }
        Map<UUID, Map<ServedCascade.PolicySlot, ActivePolicy>> policies = new HashMap<>();
        for (VersionRow version : versions) {
            ServedTier tier =
                    tiersById.getOrDefault(version.tenantId(), Map.of()).get(version.tierId());
            if (tier == null) {
                continue;
            }
            ActivePolicy policy = ActivePolicy.of(
                    version.id(),
                    version.number(),
                    version.cascadeId(),
                    tier.name(),
                    tier.deadlineMs(),
                    plans.get(version.id()));
            policies.computeIfAbsent(version.cascadeId(), c -> new HashMap<>())
                    .put(new ServedCascade.PolicySlot(tier.id(), version.deviceClass()), policy);
        }
        List<ServedTenant> tenants = new ArrayList<>();
        names.forEach((id, name) -> {
            Map<String, ServedTier> tiers = new HashMap<>();
            tiersById.getOrDefault(id, Map.of()).values().forEach(tier -> tiers.put(tier.name(), tier));
            Map<String, ServedCascade> cascades = new HashMap<>();
            cascadeNames
                    .getOrDefault(id, Map.of())
                    .forEach((cascadeId, cascadeName) -> cascades.put(
                            cascadeName,
                            new ServedCascade(cascadeId, cascadeName, policies.getOrDefault(cascadeId, Map.of()))));
            tenants.add(new ServedTenant(
                    id, name, tenantLimits.getOrDefault(id, Limits.NONE_SET), tiers, defaults.get(id), cascades));
        });
        return tenants;
    }

    private void parseNew(List<VersionRow> versions) {
        List<UUID> missing = versions.stream()
                .map(VersionRow::id)
                .filter(id -> !plans.containsKey(id))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        jdbc.query(
                "select id, tables::text as tables, metrics::text as metrics from policy_versions where id = any(?)",
                rs -> {
                    plans.put(
                            rs.getObject("id", UUID.class),
                            PolicyPlan.parse(json, rs.getString("tables"), rs.getString("metrics")));
                },
                (Object) missing.toArray(UUID[]::new));
    }

    private static Limits limits(ResultSet rs) throws SQLException {
        return new Limits(
                rs.getObject("rate_limit_per_second", Integer.class), rs.getObject("quota_per_day", Long.class));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
