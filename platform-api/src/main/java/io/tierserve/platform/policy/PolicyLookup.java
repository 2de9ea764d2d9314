package io.tierserve.platform.policy;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.MixedPolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.ConfidenceBins;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the active policy version for (tenant, cascade, tier, device class) per request.
 *
 * <p>Each call asks the database which version is active (one indexed query joining tenant,
 * cascade, tier and the partial unique index of active versions, well under a millisecond), and
 * parses a version's tables only the first time its id is seen. So an activation is served from
 * the next request on, on every instance, with no TTL to wait out and no invalidation messages;
 * the cache holds one entry per (cascade, tier, device class) and drops a version once another
 * replaces it.
 */
@Service
public class PolicyLookup {

    private static final String ACTIVE_VERSION = """
            select pv.id, pv.version_number, pv.cascade_id, t.name as tier_name, t.deadline_ms
            from tenants tn
            join cascades c on c.tenant_id = tn.id and c.name = ?
            join tiers t on t.tenant_id = tn.id and (t.name = ? or (cast(? as text) is null and t.default_tier))
            join policy_versions pv on pv.tenant_id = tn.id and pv.cascade_id = c.id and pv.tier_id = t.id
                 and pv.device_class = ? and pv.status = 'ACTIVE'
            where tn.name = ?""";

    private record Key(String tenant, String cascade, String tier, String deviceClass) {}

    private record Row(UUID versionId, int versionNumber, UUID cascadeId, String tierName, Double deadlineMs) {}

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Map<Key, ActivePolicy> cache = new ConcurrentHashMap<>();

    PolicyLookup(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The active policy, or empty when the tenant, cascade or tier does not exist or has no active
     * version for the device class.
     *
     * @param tier the tier's name, or {@code null} for the tenant's default tier
     */
    public Optional<ActivePolicy> active(String tenant, String cascade, String tier, String deviceClass) {
        List<Row> rows = jdbc.query(
                ACTIVE_VERSION,
                (rs, i) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getInt("version_number"),
                        rs.getObject("cascade_id", UUID.class),
                        rs.getString("tier_name"),
                        rs.getObject("deadline_ms", Double.class)),
                cascade,
                tier,
                tier,
                deviceClass,
                tenant);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row row = rows.get(0);
        Key key = new Key(tenant, cascade, row.tierName(), deviceClass);
        ActivePolicy cached = cache.get(key);
        if (cached != null && cached.versionId().equals(row.versionId())) {
            return Optional.of(cached);
        }
        ActivePolicy loaded = load(row);
        cache.put(key, loaded);
        return Optional.of(loaded);
    }

    private ActivePolicy load(Row row) {
        Map<String, Object> stored = jdbc.queryForMap(
                "select tables::text as tables, metrics::text as metrics from policy_versions where id = ?",
                row.versionId());
        JsonNode tables = json.readTree((String) stored.get("tables"));
        JsonNode metrics = json.readTree((String) stored.get("metrics"));
        PolicyDocument first = PolicyDocument.read(tables.path("first").toString());
        CascadePolicy policy = first.toPolicy();
        JsonNode second = tables.path("second");
        if (!second.isMissingNode() && !second.isNull()) {
            double p = tables.path("mixProbability").asDouble(1.0);
            policy = MixedPolicy.of(
                    p, policy, PolicyDocument.read(second.toString()).toPolicy());
        }
        ConfidenceBins bins = first.binEdges() == null ? null : new ConfidenceBins(first.binEdges());
        return new ActivePolicy(
                row.versionId(),
                row.versionNumber(),
                row.cascadeId(),
                row.tierName(),
                row.deadlineMs(),
                policy,
                bins,
                first.stageIds() == null ? List.of() : first.stageIds(),
                metrics.path("status").asString("UNKNOWN"));
    }
}
