package io.tierserve.policy.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores a job's versions and completes the job in one transaction.
 *
 * <p>Order matters: the job row is locked first and must still be leased to this processor (a
 * processor whose lease was taken over commits nothing); the cascade row is locked next, so two
 * jobs of one cascade number their versions one after the other. Each version insert is
 * idempotent per (job, tier, device class), and a version that would repeat the latest one of its
 * tier (same profile, tables and metrics) is not written. With the tenant's {@code AUTOMATIC}
 * activation each new version is activated at once and the activation audited, in the same
 * transaction. The held-out frontier of each device class is stored with them ({@code
 * policy_frontiers}).
 */
final class VersionWriter {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private VersionWriter() {}

    /** The versions written, as stored. */
    record Written(UUID id, String tier, String deviceClass, int number, String status) {}

    static List<Written> store(Connection connection, ClaimedJob job, Recomputation.Result result) throws SQLException {
        JobQueue.lockLease(connection, job);
        StoredProfiles.single(
                connection,
                "select id from cascades where tenant_id = ? and id = ? for update",
                job.tenantId(),
                job.cascadeId());
        boolean automatic = "AUTOMATIC"
                .equals(StoredProfiles.single(
                        connection, "select policy_activation from tenants where id = ?", job.tenantId()));
        List<Written> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (ComputedVersion v : result.versions()) {
            if (sameAsLatest(connection, job, v)) {
                // the tier's plan did not change (e.g. another tier was created): no new version
                unchanged.add(v.tierName() + "@" + v.deviceClass());
                continue;
            }
            UUID id = UUID.randomUUID();
            Integer number = insert(connection, job, v, id);
            if (number == null) {
                continue; // this job already stored it (a re-run after a crash)
            }
            String status = "PENDING_APPROVAL";
            if (automatic) {
                PolicyActivation.Activation activation =
                        PolicyActivation.activate(connection, job.tenantId(), id, null);
                AuditRows.insert(
                        connection,
                        job.tenantId(),
                        "policy.activated",
                        "policy_version",
                        id,
                        v.tierName() + "@" + v.deviceClass() + " v" + number,
                        MAPPER.writeValueAsString(MAPPER.createObjectNode()
                                .put("cascadeId", job.cascadeId().toString())
                                .put("tier", v.tierName())
                                .put("deviceClass", v.deviceClass())
                                .put("versionNumber", number)
                                .put("previousVersionId", String.valueOf(activation.previousId()))
                                .put("job", job.id().toString())
                                .put("mode", "AUTOMATIC")));
                status = "ACTIVE";
            }
            written.add(new Written(id, v.tierName(), v.deviceClass(), number, status));
        }
        for (Recomputation.ComputedFrontier f : result.frontiers()) {
            storeFrontier(connection, job, f);
        }
        ObjectNode summary = MAPPER.createObjectNode();
        ArrayNode versions = summary.putArray("versions");
        for (Written w : written) {
            versions.addObject()
                    .put("id", w.id().toString())
                    .put("tier", w.tier())
                    .put("deviceClass", w.deviceClass())
                    .put("versionNumber", w.number())
                    .put("status", w.status());
        }
        summary.put("readMillis", result.readMillis());
        summary.put("computeMillis", result.computeMillis());
        ArrayNode fallbacks = summary.putArray("fallbacks");
        result.fallbacks().forEach(fallbacks::add);
        ArrayNode same = summary.putArray("unchanged");
        unchanged.forEach(same::add);
        AuditRows.insert(
                connection,
                job.tenantId(),
                "policy.recomputed",
                "recomputation_job",
                job.id(),
                null,
                MAPPER.writeValueAsString(summary));
        JobQueue.succeed(connection, job, MAPPER.writeValueAsString(summary));
        return written;
    }

    /**
     * Whether the latest version of {@code v}'s (cascade, tier, device class) was computed from the
     * same profile into the same tables and metrics: then {@code v} would repeat it. A new profile
     * always makes new versions (new evidence, even where the plan stays the same).
     */
    private static boolean sameAsLatest(Connection connection, ClaimedJob job, ComputedVersion v) throws SQLException {
        try (PreparedStatement select = StoredProfiles.prepared(
                        connection,
                        "select profile_id = ? and tables = ?::jsonb and metrics = ?::jsonb from policy_versions"
                                + " where tenant_id = ? and cascade_id = ? and tier_id = ? and device_class = ?"
                                + " order by version_number desc limit 1",
                        job.profileId(),
                        v.tablesJson(),
                        v.metricsJson(),
                        job.tenantId(),
                        job.cascadeId(),
                        v.tierId(),
                        v.deviceClass());
                ResultSet row = select.executeQuery()) {
            return row.next() && row.getBoolean(1);
        }
    }

    /** Stores the device class's frontier with the job's versions; idempotent per (job, device class). */
    private static void storeFrontier(Connection connection, ClaimedJob job, Recomputation.ComputedFrontier f)
            throws SQLException {
        try (PreparedStatement insert = StoredProfiles.prepared(
                connection,
                "insert into policy_frontiers (tenant_id, id, cascade_id, device_class, profile_id, job_id, frontier)"
                        + " values (?, ?, ?, ?, ?, ?, ?::jsonb)"
                        + " on conflict (tenant_id, job_id, device_class) do nothing",
                job.tenantId(),
                UUID.randomUUID(),
                job.cascadeId(),
                f.deviceClass(),
                job.profileId(),
                job.id(),
                f.frontierJson())) {
            insert.executeUpdate();
        }
    }

    /** Inserts a version numbered after the latest of its (cascade, tier, device); null when this job already has it. */
    private static Integer insert(Connection connection, ClaimedJob job, ComputedVersion v, UUID id)
            throws SQLException {
        try (PreparedStatement insert = StoredProfiles.prepared(
                        connection,
                        "insert into policy_versions (tenant_id, id, cascade_id, tier_id, device_class, version_number,"
                                + " profile_id, status, recall, tradeoff_weight, tables, metrics, expected_cost_ms,"
                                + " expected_accuracy, job_id)"
                                + " select ?, ?, ?, ?, ?, coalesce(max(version_number), 0) + 1, ?, 'PENDING_APPROVAL',"
                                + " ?, ?, ?::jsonb, ?::jsonb, ?, ?, ? from policy_versions"
                                + " where tenant_id = ? and cascade_id = ? and tier_id = ? and device_class = ?"
                                + " on conflict (tenant_id, job_id, tier_id, device_class) do nothing"
                                + " returning version_number",
                        job.tenantId(),
                        id,
                        job.cascadeId(),
                        v.tierId(),
                        v.deviceClass(),
                        job.profileId(),
                        v.recall(),
                        Double.isFinite(v.mu()) ? v.mu() : null,
                        v.tablesJson(),
                        v.metricsJson(),
                        v.expectedCostMs(),
                        v.expectedAccuracy(),
                        job.id(),
                        job.tenantId(),
                        job.cascadeId(),
                        v.tierId(),
                        v.deviceClass());
                ResultSet row = insert.executeQuery()) {
            return row.next() ? row.getInt(1) : null;
        }
    }
}
