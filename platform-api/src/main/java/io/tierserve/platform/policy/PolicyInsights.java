package io.tierserve.platform.policy;

import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads what the recomputation stored: a cascade's held-out frontier with its tiers' served points,
 * and one policy version with its metrics and policy document. Nothing is computed here.
 */
@Service
class PolicyInsights {

    private final CascadeService cascades;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    PolicyInsights(CascadeService cascades, JdbcTemplate jdbc, JsonMapper json) {
        this.cascades = cascades;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The newest stored frontier of the cascade on {@code deviceClass} (null: the device class of the
     * newest frontier), with the active version of every tier on that device class.
     *
     * @throws PolicyNotFoundException when none is stored yet
     */
    @Transactional(readOnly = true)
    CascadeFrontier frontier(String tenant, String cascade, String deviceClass) {
        CascadeStages c = cascades.stages(tenant, cascade);
        record Stored(String deviceClass, OffsetDateTime at, UUID job, UUID profile, JsonNode frontier) {}
        List<Stored> found = jdbc.query(
                "select device_class, created_at, job_id, profile_id, frontier from policy_frontiers"
                        + " where tenant_id = ? and cascade_id = ? and (?::text is null or device_class = ?::text)"
                        + " order by created_at desc, id limit 1",
                (rs, i) -> new Stored(
                        rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class),
                        json.readTree(rs.getString(5))),
                c.tenantId(),
                c.cascadeId(),
                deviceClass,
                deviceClass);
        if (found.isEmpty()) {
            throw PolicyNotFoundException.frontier(cascade, deviceClass);
        }
        Stored s = found.get(0);
        JsonNode f = s.frontier();
        List<CascadeFrontier.Family> families = new ArrayList<>();
        for (JsonNode family : f.path("families")) {
            List<CascadeFrontier.Point> points = new ArrayList<>();
            for (JsonNode p : family.path("points")) {
                points.add(new CascadeFrontier.Point(
                        number(p, "mu"),
                        number(p, "accuracy"),
                        number(p, "accuracyLow"),
                        number(p, "accuracyHigh"),
                        number(p, "meanLatencyMs"),
                        number(p, "meanLatencyLowMs"),
                        number(p, "meanLatencyHighMs"),
                        number(p, "fitAccuracy"),
                        number(p, "fitMeanLatencyMs")));
            }
            families.add(new CascadeFrontier.Family(
                    family.path("family").asString(), family.path("description").asString(), points));
        }
        List<CascadeFrontier.Baseline> baselines = new ArrayList<>();
        for (JsonNode b : f.path("baselines")) {
            baselines.add(new CascadeFrontier.Baseline(
                    b.path("strategy").asString(),
                    b.path("parameter").asString(),
                    number(b, "accuracy"),
                    number(b, "accuracyLow"),
                    number(b, "accuracyHigh"),
                    number(b, "meanLatencyMs")));
        }
        List<CascadeFrontier.ServedTier> tiers = jdbc.query(
                "select t.name, t.objective_kind, t.accuracy_tolerance, t.latency_budget_ms, t.deadline_ms,"
                        + " v.id, v.version_number, v.metrics from policy_versions v"
                        + " join tiers t on t.tenant_id = v.tenant_id and t.id = v.tier_id"
                        + " where v.tenant_id = ? and v.cascade_id = ? and v.device_class = ? and v.status = 'ACTIVE'"
                        + " order by t.name",
                (rs, i) -> served(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, Double.class),
                        rs.getObject(4, Double.class),
                        rs.getObject(5, Double.class),
                        rs.getObject(6, UUID.class),
                        rs.getInt(7),
                        json.readTree(rs.getString(8))),
                c.tenantId(),
                c.cascadeId(),
                s.deviceClass());
        return new CascadeFrontier(
                cascade,
                s.deviceClass(),
                s.at(),
                s.job(),
                s.profile(),
                f.hasNonNull("fitSamples") ? f.get("fitSamples").asInt() : null,
                f.hasNonNull("heldOutSamples") ? f.get("heldOutSamples").asInt() : null,
                number(f, "fullCascadeLatencyMs"),
                families,
                baselines,
                tiers);
    }

    private static CascadeFrontier.ServedTier served(
            String tier,
            String objective,
            Double tolerance,
            Double budget,
            Double deadline,
            UUID versionId,
            int number,
            JsonNode metrics) {
        String status = metrics.path("status").asString(null);
        JsonNode held = metrics.path("heldOut");
        JsonNode gap = metrics.path("heldOutGap");
        return new CascadeFrontier.ServedTier(
                tier,
                objective,
                tolerance,
                budget,
                deadline,
                promise(objective, tolerance, budget),
                versionId,
                number,
                status,
                metrics.path("family").asString(null),
                keepsPromise(metrics),
                number(held, "accuracy"),
                number(held, "accuracyLow"),
                number(held, "accuracyHigh"),
                number(held, "meanLatencyMs"),
                number(held, "meanLatencyHighMs"),
                number(gap, "gap"),
                number(gap, "gapHigh"));
    }

    /** The promise in words. */
    static String promise(String objective, Double tolerance, Double budget) {
        if ("ACCURACY_TOLERANCE".equals(objective) && tolerance != null) {
            return String.format(Locale.ROOT, "accuracy at most %s below the best stage", plain(tolerance));
        }
        if (budget != null) {
            return String.format(Locale.ROOT, "mean latency at most %s ms", plain(budget));
        }
        return "none";
    }

    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /** MET and CONSERVATIVE keep it by definition; a fallback says whether its own bound does. */
    static Boolean keepsPromise(JsonNode metrics) {
        String status = metrics.path("status").asString("");
        if (status.equals("MET") || status.equals("CONSERVATIVE")) {
            return true;
        }
        JsonNode keeps = metrics.get("heldOutBoundKeepsPromise");
        return keeps != null && keeps.isBoolean() ? keeps.booleanValue() : null;
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }

    /**
     * One version of the cascade with its metrics (the frontier left out: {@link #frontier}) and its
     * policy document.
     *
     * @throws PolicyNotFoundException for a version not in the cascade
     */
    @Transactional(readOnly = true)
    PolicyVersionDetail version(String tenant, String cascade, UUID id) {
        CascadeStages c = cascades.stages(tenant, cascade);
        List<PolicyVersionDetail> found = jdbc.query(
                "select v.id, t.name, v.device_class, v.version_number, v.status, v.recall, v.tradeoff_weight,"
                        + " v.expected_accuracy, v.expected_cost_ms, v.profile_id, v.job_id, v.created_at,"
                        + " v.activated_at, v.metrics, v.tables from policy_versions v"
                        + " join tiers t on t.tenant_id = v.tenant_id and t.id = v.tier_id"
                        + " where v.tenant_id = ? and v.cascade_id = ? and v.id = ?",
                (rs, i) -> {
                    ObjectNode metrics = (ObjectNode) json.readTree(rs.getString(14));
                    metrics.remove("frontier");
                    return new PolicyVersionDetail(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            rs.getString(5),
                            metrics.path("status").asString(null),
                            metrics.path("family").asString(null),
                            metrics.path("reason").asString(null),
                            rs.getBoolean(6),
                            rs.getObject(7, Double.class),
                            rs.getObject(8, Double.class),
                            rs.getObject(9, Double.class),
                            rs.getObject(10, UUID.class),
                            rs.getObject(11, UUID.class),
                            rs.getObject(12, OffsetDateTime.class),
                            rs.getObject(13, OffsetDateTime.class),
                            metrics,
                            json.readTree(rs.getString(15)));
                },
                c.tenantId(),
                c.cascadeId(),
                id);
        if (found.isEmpty()) {
            throw PolicyNotFoundException.version(cascade, id);
        }
        return found.get(0);
    }
}
