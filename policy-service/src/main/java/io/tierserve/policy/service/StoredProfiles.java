package io.tierserve.policy.service;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.profile.StageLatency;
import io.tierserve.policy.profile.StageOutput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Reads a stored profile back from the profile tables as a policy-service {@link Profile}.
 *
 * <p>Stage ids are the cascade's stage names, ordered by position (parents first); labels and
 * predictions are stored as the class index in decimal.
 */
final class StoredProfiles {

    private StoredProfiles() {}

    /** A stored profile and the device classes every one of its stages has latencies for. */
    record Stored(Profile profile, List<String> deviceClasses) {}

    static Stored read(Connection connection, UUID tenantId, UUID cascadeId, UUID profileId) throws SQLException {
        String cascade =
                single(connection, "select name from cascades where tenant_id = ? and id = ?", tenantId, cascadeId);
        Map<UUID, String> names = new LinkedHashMap<>();
        Map<UUID, UUID> parents = new HashMap<>();
        try (PreparedStatement select = prepared(
                        connection,
                        "select id, name, parent_stage_id from stages where tenant_id = ? and cascade_id = ?"
                                + " order by position",
                        tenantId,
                        cascadeId);
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                names.put(row.getObject(1, UUID.class), row.getString(2));
                parents.put(row.getObject(1, UUID.class), row.getObject(3, UUID.class));
            }
        }
        Map<UUID, Map<String, StageLatency>> latencies = new HashMap<>();
        try (PreparedStatement select = prepared(
                        connection,
                        "select stage_id, device_class, mean_ms, p50_ms, p99_ms from profile_stage_latencies"
                                + " where tenant_id = ? and profile_id = ?",
                        tenantId,
                        profileId);
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                double mean = row.getDouble(3);
                double p50 = orElse(row, 4, mean);
                double p99 = orElse(row, 5, Math.max(mean, p50));
                latencies
                        .computeIfAbsent(row.getObject(1, UUID.class), k -> new HashMap<>())
                        .put(row.getString(2), new StageLatency(mean, p50, p99));
            }
        }
        List<UUID> stageIds = new ArrayList<>(names.keySet());
        stageIds.removeIf(id -> !latencies.containsKey(id));
        Map<UUID, Integer> index = new HashMap<>();
        List<ProfileStage> stages = new ArrayList<>();
        TreeSet<String> devices = null;
        for (UUID id : stageIds) {
            index.put(id, stages.size());
            UUID parent = parents.get(id);
            stages.add(new ProfileStage(names.get(id), parent == null ? null : names.get(parent), latencies.get(id)));
            if (devices == null) {
                devices = new TreeSet<>(latencies.get(id).keySet());
            } else {
                devices.retainAll(latencies.get(id).keySet());
            }
        }
        if (devices == null || devices.isEmpty()) {
            throw new IllegalStateException("profile " + profileId + " has no device class common to all its stages");
        }
        List<Integer> labels = new ArrayList<>();
        Map<Integer, Integer> sampleRow = new HashMap<>();
        try (PreparedStatement select = prepared(
                        connection,
                        "select sample_index, label from profile_samples where tenant_id = ? and profile_id = ?"
                                + " order by sample_index",
                        tenantId,
                        profileId);
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                sampleRow.put(row.getInt(1), labels.size());
                labels.add(classIndex(row.getString(2)));
            }
        }
        int[][] predictions = new int[labels.size()][stages.size()];
        double[][] confidences = new double[labels.size()][stages.size()];
        // No join with profile_samples: on freshly written, unanalysed tables the planner may pick a
        // nested loop over both (measured: 24 s for the 10,000-sample demo profile instead of < 1 s).
        try (PreparedStatement select = prepared(
                connection,
                "select sample_index, stage_id, prediction, confidence from profile_outputs"
                        + " where tenant_id = ? and profile_id = ?",
                tenantId,
                profileId)) {
            select.setFetchSize(10_000);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Integer sample = sampleRow.get(row.getInt(1));
                    Integer v = index.get(row.getObject(2, UUID.class));
                    if (sample != null && v != null) {
                        predictions[sample][v] = classIndex(row.getString(3));
                        confidences[sample][v] = row.getDouble(4);
                    }
                }
            }
        }
        List<ProfileSample> samples = new ArrayList<>(labels.size());
        for (int s = 0; s < labels.size(); s++) {
            List<StageOutput> outputs = new ArrayList<>(stages.size());
            for (int v = 0; v < stages.size(); v++) {
                outputs.add(new StageOutput(predictions[s][v], confidences[s][v]));
            }
            samples.add(new ProfileSample(labels.get(s), outputs));
        }
        Profile profile = new Profile(Profile.FORMAT_VERSION, cascade, devices.first(), List.of(), stages, samples);
        return new Stored(profile, List.copyOf(devices));
    }

    private static int classIndex(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException ex) {
            throw new IllegalStateException("stored label or prediction '" + value + "' is not a class index", ex);
        }
    }

    private static double orElse(ResultSet row, int column, double fallback) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? fallback : value;
    }

    static PreparedStatement prepared(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    static String single(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement select = prepared(connection, sql, parameters);
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("not found: " + sql);
            }
            return row.getString(1);
        }
    }
}
