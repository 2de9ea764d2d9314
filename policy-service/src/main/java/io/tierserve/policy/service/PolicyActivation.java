package io.tierserve.policy.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Makes one policy version the active one of its (cascade, tier, device class), on the caller's
 * connection and transaction.
 *
 * <p>Approval (a {@code PENDING_APPROVAL} version) and rollback (an earlier, {@code RETIRED} one)
 * are the same step: the active version is retired and the chosen one activated in one transaction,
 * so at every instant exactly one version is active and a request sees either the old or the new
 * one. The caller audits the returned {@link Activation} in the same transaction.
 */
public final class PolicyActivation {

    /**
     * What an activation changed.
     *
     * @param previousId the version that was active before, or {@code null}
     * @param changed false when the version was already active (nothing changed)
     */
    public record Activation(
            UUID tenantId,
            UUID versionId,
            UUID cascadeId,
            UUID tierId,
            String deviceClass,
            int versionNumber,
            String previousStatus,
            UUID previousId,
            boolean changed) {}

    private PolicyActivation() {}

    /**
     * Activates version {@code versionId}.
     *
     * @param activatedBy the user who activated it, {@code null} for the platform itself
     * @throws IllegalArgumentException when no such version exists or it was rejected
     */
    public static Activation activate(Connection connection, UUID tenantId, UUID versionId, UUID activatedBy)
            throws SQLException {
        UUID cascadeId;
        UUID tierId;
        String device;
        String status;
        int number;
        try (PreparedStatement select = StoredProfiles.prepared(
                        connection,
                        "select cascade_id, tier_id, device_class, status, version_number from policy_versions"
                                + " where tenant_id = ? and id = ? for update",
                        tenantId,
                        versionId);
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalArgumentException("no policy version " + versionId);
            }
            cascadeId = row.getObject(1, UUID.class);
            tierId = row.getObject(2, UUID.class);
            device = row.getString(3);
            status = row.getString(4);
            number = row.getInt(5);
        }
        if ("ACTIVE".equals(status)) {
            return new Activation(tenantId, versionId, cascadeId, tierId, device, number, status, versionId, false);
        }
        if ("REJECTED".equals(status)) {
            throw new IllegalArgumentException("policy version " + number + " was rejected and cannot be activated");
        }
        UUID previous = null;
        try (PreparedStatement retire = StoredProfiles.prepared(
                        connection,
                        "update policy_versions set status = 'RETIRED', version = version + 1 where tenant_id = ?"
                                + " and cascade_id = ? and tier_id = ? and device_class = ? and status = 'ACTIVE'"
                                + " returning id",
                        tenantId,
                        cascadeId,
                        tierId,
                        device);
                ResultSet row = retire.executeQuery()) {
            if (row.next()) {
                previous = row.getObject(1, UUID.class);
            }
        }
        try (PreparedStatement activate = StoredProfiles.prepared(
                connection,
                "update policy_versions set status = 'ACTIVE', activated_at = now(), activated_by = ?,"
                        + " version = version + 1 where tenant_id = ? and id = ?",
                activatedBy,
                tenantId,
                versionId)) {
            activate.executeUpdate();
        }
        return new Activation(tenantId, versionId, cascadeId, tierId, device, number, status, previous, true);
    }
}
