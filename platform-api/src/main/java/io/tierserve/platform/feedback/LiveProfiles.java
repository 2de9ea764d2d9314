package io.tierserve.platform.feedback;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.platform.inference.CascadeLabels;
import io.tierserve.platform.profile.ProfileStore;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.profile.StageLatency;
import io.tierserve.policy.profile.StageOutput;
import io.tierserve.policy.service.JobQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns labelled live samples into a live profile and queues its recomputation, as an upload does.
 *
 * <p>A profile needs every stage's output for every sample, but a live request runs only the
 * stages its policy chose, and the input is not kept. So a sampled share of public requests
 * ({@code tierserve.inference.full-profile-fraction}) runs every stage once more after the answer
 * is made, and only labelled requests of that share become live samples. The sample is drawn
 * before any label is known, so it is uniform over the traffic; what remains biased is which
 * requests applications label (often the ones a user complained about), which the platform cannot
 * see. Stage latencies are not measured live: the live profile takes them from the cascade's
 * latest stored profile.
 *
 * <p>When a cascade has {@code tierserve.feedback.live-profile-samples} such samples not yet used,
 * the feedback that completes the count stores them as a profile (source {@code MEASURED}, named
 * {@code live-<time>}), marks them used and queues a {@code LIVE_FEEDBACK} job, in the feedback's
 * transaction, audited as {@code feedback.recomputation_queued}. Checks of one cascade are
 * serialised by an advisory lock, so two concurrent labels cannot use the same samples twice.
 */
@Component
class LiveProfiles {

    /** Samples still waiting after this feedback, and the job it queued (null when none). */
    record Outcome(long pending, UUID job) {}

    private record Pending(UUID requestId, int label, int[] predictions, double[] confidences) {}

    private final JdbcTemplate jdbc;
    private final CascadeService cascades;
    private final CascadeLabels labels;
    private final ProfileStore profiles;
    private final AuditLog audit;
    private final FeedbackProperties properties;

    LiveProfiles(
            JdbcTemplate jdbc,
            CascadeService cascades,
            CascadeLabels labels,
            ProfileStore profiles,
            AuditLog audit,
            FeedbackProperties properties) {
        this.jdbc = jdbc;
        this.cascades = cascades;
        this.labels = labels;
        this.profiles = profiles;
        this.audit = audit;
        this.properties = properties;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Outcome afterFeedback(UUID tenantId, String tenant, UUID cascadeId) {
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> {}, "feedback:" + cascadeId);
        List<Pending> pending = jdbc.query(
                "select f.request_id, f.label, u.profile_predictions, u.profile_confidences from feedback f"
                        + " join usage_records u on u.tenant_id = f.tenant_id and u.request_id = f.request_id"
                        + " where f.tenant_id = ? and f.cascade_id = ? and f.profiled and f.live_profile_id is null"
                        + " order by f.created_at, f.request_id",
                (rs, i) -> new Pending(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        FeedbackService.ints(rs.getArray(3)),
                        FeedbackService.doubles(rs.getArray(4))),
                tenantId,
                cascadeId);
        if (pending.size() < properties.liveProfileSamples()) {
            return new Outcome(pending.size(), null);
        }
        String cascadeName = jdbc.queryForObject(
                "select name from cascades where tenant_id = ? and id = ?", String.class, tenantId, cascadeId);
        CascadeStages cascade = cascades.stages(tenant, cascadeName);
        List<ProfileStage> stages = stagesWithLatencies(tenantId, cascade);
        if (stages.isEmpty()) {
            // no stored profile to take latencies from: keep the samples for later
            return new Outcome(pending.size(), null);
        }
        List<ProfileSample> samples = new ArrayList<>();
        for (Pending sample : pending) {
            if (sample.predictions().length != stages.size()) {
                continue;
            }
            List<StageOutput> outputs = new ArrayList<>();
            for (int v = 0; v < stages.size(); v++) {
                outputs.add(new StageOutput(sample.predictions()[v], sample.confidences()[v]));
            }
            samples.add(new ProfileSample(sample.label(), outputs));
        }
        String deviceClass = new TreeSet<>(stages.get(0).latency().keySet()).first();
        Profile profile = new Profile(
                Profile.FORMAT_VERSION, cascadeName, deviceClass, labels.of(tenant, cascadeName), stages, samples);
        String name = "live-" + Instant.now();
        UUID profileId = profiles.store(cascade, name, "MEASURED", profile);
        jdbc.batchUpdate(
                "update feedback set live_profile_id = ? where tenant_id = ? and request_id = ?",
                pending.stream()
                        .map(p -> new Object[] {profileId, tenantId, p.requestId()})
                        .toList());
        UUID job = jdbc.execute((ConnectionCallback<UUID>)
                connection -> JobQueue.enqueue(connection, tenantId, cascadeId, profileId, "LIVE_FEEDBACK"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cascade", cascadeName);
        details.put("samples", samples.size());
        details.put("job", job.toString());
        details.put("reason", "LIVE_FEEDBACK");
        audit.record(tenantId, "feedback.recomputation_queued", "profile", profileId, name, details);
        return new Outcome(0, job);
    }

    /**
     * The cascade's stages (parents first) with the latencies of its latest stored profile that has
     * latencies for every stage; empty when there is none.
     */
    private List<ProfileStage> stagesWithLatencies(UUID tenantId, CascadeStages cascade) {
        List<UUID> latest = jdbc.queryForList(
                "select p.id from profiles p where p.tenant_id = ? and p.cascade_id = ?"
                        + " and (select count(distinct l.stage_id) from profile_stage_latencies l"
                        + "      where l.tenant_id = p.tenant_id and l.profile_id = p.id) = ?"
                        + " order by p.created_at desc limit 1",
                UUID.class,
                tenantId,
                cascade.cascadeId(),
                cascade.stageIds().size());
        if (latest.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<String, StageLatency>> latencies = new HashMap<>();
        jdbc.query(
                "select stage_id, device_class, mean_ms, coalesce(p50_ms, mean_ms), coalesce(p99_ms, greatest(mean_ms,"
                        + " coalesce(p50_ms, mean_ms))) from profile_stage_latencies where tenant_id = ? and profile_id = ?",
                rs -> {
                    latencies
                            .computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
                            .put(rs.getString(2), new StageLatency(rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
                },
                tenantId,
                latest.get(0));
        Map<UUID, String> parents = new HashMap<>();
        jdbc.query(
                "select s.id, p.name from stages s left join stages p on p.tenant_id = s.tenant_id and p.id ="
                        + " s.parent_stage_id where s.tenant_id = ? and s.cascade_id = ?",
                rs -> {
                    parents.put(rs.getObject(1, UUID.class), rs.getString(2));
                },
                tenantId,
                cascade.cascadeId());
        List<ProfileStage> stages = new ArrayList<>();
        for (int v = 0; v < cascade.stageIds().size(); v++) {
            UUID id = cascade.stageIds().get(v);
            stages.add(new ProfileStage(cascade.stageNames().get(v), parents.get(id), latencies.get(id)));
        }
        return stages;
    }
}
