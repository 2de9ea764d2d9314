package io.tierserve.policy.service;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.synthetic.SyntheticProfiles;
import io.tierserve.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A migrated test schema with one tenant, a 4-stage cascade, two tiers, and helpers to store profiles. */
final class QueueDatabase {

    final DataSource dataSource;
    final UUID tenant = UUID.randomUUID();
    final UUID cascade = UUID.randomUUID();
    final Map<String, UUID> stages = new HashMap<>();
    final Profile profile = SyntheticProfiles.generate(SyntheticProfiles.benchmark(4), 2000, 7);

    QueueDatabase() {
        TestDatabase.Connection db = TestDatabase.freshSchema();
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .load()
                .migrate();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl());
        ds.setUser(db.username());
        ds.setPassword(db.password());
        dataSource = ds;
        try (Connection c = dataSource.getConnection()) {
            update(
                    c,
                    "insert into tenants (id, name, display_name) values (?, ?, 'T')",
                    tenant,
                    "t-" + tenant.toString().substring(0, 8));
            update(c, "insert into cascades (tenant_id, id, name) values (?, ?, 'synthetic')", tenant, cascade);
            for (int v = 0; v < profile.stageCount(); v++) {
                UUID id = UUID.randomUUID();
                String parent = profile.stages().get(v).parent();
                update(
                        c,
                        "insert into stages (tenant_id, id, cascade_id, name, position, parent_stage_id) values (?, ?, ?, ?, ?, ?)",
                        tenant,
                        id,
                        cascade,
                        profile.stages().get(v).id(),
                        v,
                        parent == null ? null : stages.get(parent));
                stages.put(profile.stages().get(v).id(), id);
            }
            update(
                    c,
                    "insert into tiers (tenant_id, id, name, objective_kind, accuracy_tolerance) values (?, ?, 'exact', 'ACCURACY_TOLERANCE', 0.0)",
                    tenant,
                    UUID.randomUUID());
            update(
                    c,
                    "insert into tiers (tenant_id, id, name, objective_kind, accuracy_tolerance) values (?, ?, 'balanced', 'ACCURACY_TOLERANCE', 0.02)",
                    tenant,
                    UUID.randomUUID());
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Stores the profile under a new name and queues its job in one transaction, as the platform does; returns the job id. */
    UUID storeProfileAndEnqueue() {
        return Transactions.inTransaction(dataSource, c -> {
            UUID profileId = UUID.randomUUID();
            update(
                    c,
                    "insert into profiles (tenant_id, id, cascade_id, name, source, sample_count) values (?, ?, ?, ?, 'UPLOADED', ?)",
                    tenant,
                    profileId,
                    cascade,
                    "p-" + profileId,
                    profile.sampleCount());
            for (int v = 0; v < profile.stageCount(); v++) {
                var l = profile.stages().get(v).latencyOn("cpu");
                update(
                        c,
                        "insert into profile_stage_latencies (tenant_id, profile_id, cascade_id, stage_id, device_class, mean_ms, p50_ms, p99_ms) values (?, ?, ?, ?, 'cpu', ?, ?, ?)",
                        tenant,
                        profileId,
                        cascade,
                        stages.get(profile.stages().get(v).id()),
                        l.meanMs(),
                        l.p50Ms(),
                        l.p99Ms());
            }
            try (PreparedStatement samples = c.prepareStatement(
                            "insert into profile_samples (tenant_id, profile_id, sample_index, label) values (?, ?, ?, ?)");
                    PreparedStatement outputs = c.prepareStatement(
                            "insert into profile_outputs (tenant_id, profile_id, sample_index, cascade_id, stage_id, prediction, confidence, correct) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int s = 0; s < profile.sampleCount(); s++) {
                    ProfileSample sample = profile.samples().get(s);
                    samples.setObject(1, tenant);
                    samples.setObject(2, profileId);
                    samples.setInt(3, s);
                    samples.setString(4, Integer.toString(sample.label()));
                    samples.addBatch();
                    for (int v = 0; v < profile.stageCount(); v++) {
                        outputs.setObject(1, tenant);
                        outputs.setObject(2, profileId);
                        outputs.setInt(3, s);
                        outputs.setObject(4, cascade);
                        outputs.setObject(5, stages.get(profile.stages().get(v).id()));
                        outputs.setString(
                                6, Integer.toString(sample.outputs().get(v).prediction()));
                        outputs.setDouble(7, sample.outputs().get(v).confidence());
                        outputs.setBoolean(8, sample.correct(v));
                        outputs.addBatch();
                    }
                }
                samples.executeBatch();
                outputs.executeBatch();
            }
            return JobQueue.enqueue(c, tenant, cascade, profileId, "PROFILE_STORED");
        });
    }

    /** Queues a job for a stored profile, as the platform does when a tier is created or changed. */
    UUID enqueue(UUID profileId, String reason) {
        return Transactions.inTransaction(dataSource, c -> JobQueue.enqueue(c, tenant, cascade, profileId, reason));
    }

    long count(String sql, Object... parameters) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement select = StoredProfiles.prepared(c, sql, parameters);
                    ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    String string(String sql, Object... parameters) {
        return Transactions.inTransaction(dataSource, c -> StoredProfiles.single(c, sql, parameters));
    }

    void execute(String sql, Object... parameters) {
        Transactions.inTransaction(dataSource, c -> {
            update(c, sql, parameters);
            return null;
        });
    }

    static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = StoredProfiles.prepared(c, sql, parameters)) {
            statement.executeUpdate();
        }
    }
}
