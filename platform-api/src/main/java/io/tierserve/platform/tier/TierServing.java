package io.tierserve.platform.tier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A tier's current status on one cascade and device class: its active policy version and whether
 * that version keeps the tier's promise.
 *
 * @param status {@code MET} or {@code CONSERVATIVE} (a planned policy whose held-out bound keeps the
 *     promise), or {@code FALLBACK} (a single stage served instead)
 * @param family the policy family serving the tier ({@code null} for a single-stage fallback)
 * @param keepsPromise whether the version's held-out bound keeps the promise: always for {@code MET}
 *     and {@code CONSERVATIVE}; for {@code FALLBACK} the fallback stage's own bound
 * @param heldOutAccuracy the version's held-out accuracy
 * @param heldOutMeanLatencyMs the version's held-out mean latency
 */
record TierServing(
        String cascade,
        String deviceClass,
        UUID versionId,
        int versionNumber,
        String status,
        String family,
        Boolean keepsPromise,
        Double heldOutAccuracy,
        Double heldOutMeanLatencyMs) {

    /** The active versions of the tiers {@code tierIds}, by tier id, ordered by cascade and device class. */
    static Map<UUID, List<TierServing>> of(JdbcTemplate jdbc, UUID tenantId, List<UUID> tierIds) {
        Map<UUID, List<TierServing>> byTier = new HashMap<>();
        if (tierIds.isEmpty()) {
            return byTier;
        }
        jdbc.query(
                "select v.tier_id, c.name, v.device_class, v.id, v.version_number, v.metrics ->> 'status',"
                        + " v.metrics ->> 'family',"
                        + " case when v.metrics ->> 'status' in ('MET', 'CONSERVATIVE') then true"
                        + " when jsonb_typeof(v.metrics -> 'heldOutBoundKeepsPromise') = 'boolean'"
                        + " then (v.metrics ->> 'heldOutBoundKeepsPromise')::boolean end,"
                        + " v.expected_accuracy, v.expected_cost_ms"
                        + " from policy_versions v join cascades c on c.tenant_id = v.tenant_id and c.id = v.cascade_id"
                        + " where v.tenant_id = ? and v.status = 'ACTIVE' and v.tier_id = any (?)"
                        + " order by c.name, v.device_class",
                rs -> {
                    byTier.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new TierServing(
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getObject(4, UUID.class),
                                    rs.getInt(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getObject(8, Boolean.class),
                                    rs.getObject(9, Double.class),
                                    rs.getObject(10, Double.class)));
                },
                tenantId,
                tierIds.toArray(UUID[]::new));
        return byTier;
    }
}
