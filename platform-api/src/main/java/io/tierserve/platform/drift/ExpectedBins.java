package io.tierserve.platform.drift;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;
import io.tierserve.policy.execution.MixedPolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.model.ConfidenceBins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a policy version's live bin counts should look like without drift: its policy replayed on
 * every sample of the profile it was computed from.
 *
 * <p>A later stage runs only when the policy continues past its parent, so live traffic reaches
 * it with a conditional distribution (inputs the earlier stages found hard). Comparing it with the
 * profile's distribution over all samples would report drift on every healthy cascade; the replay
 * gives, per stage, the distribution of exactly the samples the policy would have run it on, with
 * the version's own bin edges. Mixtures draw their coin from a fixed seed, as the evaluation does.
 * Deadlines are not replayed (a tier with a tight deadline cuts walks the replay completes).
 *
 * <p>Versions are immutable, so each is replayed once and kept (one entry per version checked).
 */
@Component
class ExpectedBins {

    /**
     * Per stage of the policy (cascade position order), the expected share of each bin and how
     * many profile samples ran the stage.
     */
    record Expected(List<UUID> stageIds, List<String> stageNames, double[][] shares, long[] samples) {}

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Map<UUID, Optional<Expected>> cache = new ConcurrentHashMap<>();

    ExpectedBins(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The expectation of a version; empty when it has no profile or its policy has no bins. */
    Optional<Expected> of(UUID versionId) {
        Optional<Expected> known = cache.get(versionId);
        if (known != null) {
            return known;
        }
        Optional<Expected> computed = compute(versionId);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(versionId, computed);
        return computed;
    }

    private Optional<Expected> compute(UUID versionId) {
        Map<String, Object> version = jdbc.queryForMap(
                "select tenant_id, cascade_id, profile_id, tables::text as tables from policy_versions where id = ?",
                versionId);
        UUID tenantId = (UUID) version.get("tenant_id");
        UUID profileId = (UUID) version.get("profile_id");
        if (profileId == null) {
            return Optional.empty();
        }
        JsonNode tables = json.readTree((String) version.get("tables"));
        PolicyDocument first = PolicyDocument.read(tables.path("first").toString());
        if (first.binEdges() == null) {
            return Optional.empty();
        }
        CascadePolicy policy = first.toPolicy();
        JsonNode second = tables.path("second");
        if (!second.isMissingNode() && !second.isNull()) {
            policy = MixedPolicy.of(
                    tables.path("mixProbability").asDouble(1.0),
                    policy,
                    PolicyDocument.read(second.toString()).toPolicy());
        }
        ConfidenceBins bins = new ConfidenceBins(first.binEdges());
        List<UUID> stageIds = new ArrayList<>();
        List<String> stageNames = new ArrayList<>();
        jdbc.query(
                "select id, name from stages where tenant_id = ? and cascade_id = ? order by position",
                rs -> {
                    stageIds.add(rs.getObject(1, UUID.class));
                    stageNames.add(rs.getString(2));
                },
                tenantId,
                version.get("cascade_id"));
        if (first.stageIds() != null && !first.stageIds().equals(stageNames)) {
            return Optional.empty();
        }
        int stages = stageIds.size();
        if (stages != bins.stageCount() || stages != policy.stageCount()) {
            return Optional.empty();
        }
        Map<UUID, Integer> stageIndex = new HashMap<>();
        for (int v = 0; v < stages; v++) {
            stageIndex.put(stageIds.get(v), v);
        }
        Map<Integer, int[]> predictions = new HashMap<>();
        Map<Integer, double[]> confidences = new HashMap<>();
        jdbc.query(
                "select sample_index, stage_id, prediction, confidence from profile_outputs"
                        + " where tenant_id = ? and profile_id = ?",
                rs -> {
                    Integer v = stageIndex.get(rs.getObject(2, UUID.class));
                    if (v != null) {
                        int sample = rs.getInt(1);
                        predictions.computeIfAbsent(sample, s -> new int[stages])[v] =
                                Integer.parseInt(rs.getString(3));
                        confidences.computeIfAbsent(sample, s -> new double[stages])[v] = rs.getDouble(4);
                    }
                },
                tenantId,
                profileId);
        long[][] counts = new long[stages][];
        for (int v = 0; v < stages; v++) {
            counts[v] = new long[bins.bins(v)];
        }
        CascadeWalk walk = policy.newWalk();
        SplittableRandom coins = new SplittableRandom(0);
        for (Map.Entry<Integer, int[]> sample : new java.util.TreeMap<>(predictions).entrySet()) {
            double[] confidence = confidences.get(sample.getKey());
            walk.start(coins.nextDouble());
            boolean[] ran = new boolean[stages];
            int stage;
            while ((stage = walk.next(Long.MAX_VALUE)) != CascadePolicy.STOP && !ran[stage]) {
                ran[stage] = true;
                walk.reveal(stage, sample.getValue()[stage], confidence[stage]);
                counts[stage][bins.binOf(stage, confidence[stage])]++;
            }
        }
        double[][] shares = new double[stages][];
        long[] samples = new long[stages];
        for (int v = 0; v < stages; v++) {
            for (long count : counts[v]) {
                samples[v] += count;
            }
            shares[v] = new double[counts[v].length];
            for (int b = 0; b < counts[v].length; b++) {
                shares[v][b] = samples[v] == 0 ? 0 : (double) counts[v][b] / samples[v];
            }
        }
        return Optional.of(new Expected(List.copyOf(stageIds), List.copyOf(stageNames), shares, samples));
    }
}
