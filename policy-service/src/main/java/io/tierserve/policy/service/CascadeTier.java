package io.tierserve.policy.service;

import io.tierserve.policy.tier.TierSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A tenant's tier as the recomputation needs it: its row id and its promise. */
record CascadeTier(UUID id, TierSpec spec) {

    /** The tenant's tiers, by name (every tier of a tenant applies to each of its cascades). */
    static List<CascadeTier> of(Connection connection, UUID tenantId) throws SQLException {
        List<CascadeTier> tiers = new ArrayList<>();
        try (PreparedStatement select = StoredProfiles.prepared(
                        connection,
                        "select id, name, objective_kind, accuracy_tolerance, latency_budget_ms, deadline_ms"
                                + " from tiers where tenant_id = ? order by name",
                        tenantId);
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                boolean accuracy = "ACCURACY_TOLERANCE".equals(row.getString(3));
                double value = accuracy ? row.getDouble(4) : row.getDouble(5);
                double deadline = row.getDouble(6);
                Double deadlineMs = row.wasNull() ? null : deadline;
                tiers.add(new CascadeTier(
                        row.getObject(1, UUID.class),
                        new TierSpec(
                                row.getString(2),
                                accuracy ? TierSpec.Kind.ACCURACY_TOLERANCE : TierSpec.Kind.LATENCY_BUDGET,
                                value,
                                deadlineMs)));
            }
        }
        return tiers;
    }
}
