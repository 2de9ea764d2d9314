package io.tierserve.platform.profile;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.profile.StageLatency;
import io.tierserve.policy.profile.StageOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores profiles in the profile tables.
 *
 * <p>Plain JDBC batches rather than JPA entities: a profile is tens of thousands of immutable rows
 * written once (the demo's 10,000 samples × 3 stages), and the driver rewrites each batch into
 * multi-row inserts ({@code reWriteBatchedInserts}), which keeps the platform's first start short.
 * Labels and predictions are stored as the class index in decimal; the class names live in the
 * cascade's manifest.
 */
@Service
public class ProfileStore {

    private static final int BATCH = 2000;

    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    ProfileStore(JdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Stores {@code profile} for {@code cascade}, whose stage names must be the profile's stage ids.
     *
     * @return the new profile's id
     */
    @Transactional
    public UUID store(CascadeStages cascade, String name, String source, Profile profile) {
        UUID tenantId = cascade.tenantId();
        UUID profileId = UUID.randomUUID();
        List<UUID> stageIds = new ArrayList<>();
        for (ProfileStage stage : profile.stages()) {
            stageIds.add(cascade.stageId(stage.id()));
        }
        jdbc.update(
                "insert into profiles (tenant_id, id, cascade_id, name, source, sample_count, fit_fraction)"
                        + " values (?, ?, ?, ?, ?, ?, 0.5)",
                tenantId,
                profileId,
                cascade.cascadeId(),
                name,
                source,
                profile.sampleCount());
        List<Object[]> latencies = new ArrayList<>();
        for (int v = 0; v < profile.stageCount(); v++) {
            for (Map.Entry<String, StageLatency> entry :
                    profile.stages().get(v).latency().entrySet()) {
                StageLatency latency = entry.getValue();
                latencies.add(new Object[] {
                    tenantId,
                    profileId,
                    cascade.cascadeId(),
                    stageIds.get(v),
                    entry.getKey(),
                    latency.meanMs(),
                    latency.p50Ms(),
                    latency.p99Ms(),
                    profile.sampleCount()
                });
            }
        }
        jdbc.batchUpdate(
                "insert into profile_stage_latencies (tenant_id, profile_id, cascade_id, stage_id, device_class,"
                        + " mean_ms, p50_ms, p99_ms, measurements) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                latencies);
        List<Object[]> samples = new ArrayList<>(BATCH);
        List<Object[]> outputs = new ArrayList<>(BATCH);
        for (int s = 0; s < profile.sampleCount(); s++) {
            ProfileSample sample = profile.samples().get(s);
            samples.add(new Object[] {tenantId, profileId, s, Integer.toString(sample.label())});
            for (int v = 0; v < profile.stageCount(); v++) {
                StageOutput output = sample.outputs().get(v);
                outputs.add(new Object[] {
                    tenantId,
                    profileId,
                    s,
                    cascade.cascadeId(),
                    stageIds.get(v),
                    Integer.toString(output.prediction()),
                    output.confidence(),
                    sample.correct(v)
                });
            }
            if (samples.size() >= BATCH || s == profile.sampleCount() - 1) {
                // a batch of samples goes in before the outputs that reference them
                insertSamples(samples);
                insertOutputs(outputs);
                samples.clear();
                outputs.clear();
            }
        }
        audit.record(
                tenantId,
                "profile.stored",
                "profile",
                profileId,
                name,
                Map.of("cascade", cascade.name(), "samples", profile.sampleCount(), "source", source));
        return profileId;
    }

    /** The id of the cascade's profile with this name, if there is one. */
    @Transactional(readOnly = true)
    public Optional<UUID> find(CascadeStages cascade, String name) {
        return jdbc
                .queryForList(
                        "select id from profiles where tenant_id = ? and cascade_id = ? and name = ?",
                        UUID.class,
                        cascade.tenantId(),
                        cascade.cascadeId(),
                        name)
                .stream()
                .findFirst();
    }

    /** Rows stored for a profile: samples and per-sample stage outputs. */
    @Transactional(readOnly = true)
    public ProfileSize size(UUID tenantId, UUID profileId) {
        Long samples = jdbc.queryForObject(
                "select count(*) from profile_samples where tenant_id = ? and profile_id = ?",
                Long.class,
                tenantId,
                profileId);
        Long outputs = jdbc.queryForObject(
                "select count(*) from profile_outputs where tenant_id = ? and profile_id = ?",
                Long.class,
                tenantId,
                profileId);
        return new ProfileSize(samples == null ? 0 : samples, outputs == null ? 0 : outputs);
    }

    /** How many rows a stored profile has. */
    public record ProfileSize(long samples, long outputs) {}

    private void insertSamples(List<Object[]> rows) {
        jdbc.batchUpdate(
                "insert into profile_samples (tenant_id, profile_id, sample_index, label) values (?, ?, ?, ?)", rows);
    }

    private void insertOutputs(List<Object[]> rows) {
        jdbc.batchUpdate(
                "insert into profile_outputs (tenant_id, profile_id, sample_index, cascade_id, stage_id, prediction,"
                        + " confidence, correct) values (?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
    }
}
