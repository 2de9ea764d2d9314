package io.tierserve.platform.policy;

import io.tierserve.platform.tier.ObjectiveKind;
import io.tierserve.platform.tier.TierDefinition;
import io.tierserve.policy.evaluation.MetricsJson;
import io.tierserve.policy.frontier.FrontierBuilder;
import io.tierserve.policy.frontier.FrontierReport;
import io.tierserve.policy.frontier.FrontierSettings;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.tier.FrontierJson;
import io.tierserve.policy.tier.PolicyFamily;
import io.tierserve.policy.tier.SingleStageFallback;
import io.tierserve.policy.tier.TierPlanning;
import io.tierserve.policy.tier.TierResolution;
import io.tierserve.policy.tier.TierResolver;
import io.tierserve.policy.tier.TierSettings;
import io.tierserve.policy.tier.TierSpec;
import io.tierserve.policy.tier.TierStatus;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Computes one policy per tier from a profile with policy-service's tier resolution
 * (docs/algorithms.md#tiers), and a safe single-stage fallback for a tier it reports infeasible.
 *
 * <p>A tier is never published as met when its held-out bound misses: the fallback is stored with
 * status {@code FALLBACK}, the resolver's reason, and whether its own held-out bound keeps the
 * promise.
 */
@Service
public class TierPlanner {

    /** The status of a tier served by {@link SingleStageFallback}. */
    public static final String FALLBACK = SingleStageFallback.STATUS;

    private static final Logger log = LoggerFactory.getLogger(TierPlanner.class);

    private final JsonMapper json;

    TierPlanner(JsonMapper json) {
        this.json = json;
    }

    /** Plans every tier on {@code profile}'s latencies of {@code deviceClass}. */
    public List<PlannedPolicy> plan(Profile profile, List<TierDefinition> tiers, String deviceClass) {
        TierSettings settings = settings(deviceClass);
        List<TierSpec> specs = tiers.stream().map(TierPlanner::spec).toList();
        return policies(profile, tiers, settings, TierResolver.resolve(profile, specs, settings));
    }

    /**
     * Plans every tier like {@link #plan} and computes the held-out frontier the recomputation job
     * stores with its versions: every family the tiers were planned with and the baselines.
     */
    public PlannedTiers planWithFrontier(Profile profile, List<TierDefinition> tiers, String deviceClass) {
        TierSettings settings = settings(deviceClass);
        List<TierSpec> specs = tiers.stream().map(TierPlanner::spec).toList();
        TierPlanning planning = TierResolver.plan(profile, specs, settings);
        FrontierReport baselines = FrontierBuilder.build(
                profile,
                new FrontierSettings(
                        settings.estimation(),
                        settings.seed(),
                        FrontierSettings.defaults().muPoints(),
                        FrontierSettings.defaults().thresholdPoints()));
        return new PlannedTiers(
                policies(profile, tiers, settings, planning.tiers()),
                json.writeValueAsString(FrontierJson.write(planning, baselines)));
    }

    /** The planned policies and the frontier (JSON object) they were chosen from. */
    public record PlannedTiers(List<PlannedPolicy> policies, String frontierJson) {}

    private static TierSettings settings(String deviceClass) {
        return TierSettings.defaults()
                .withEstimation(TierSettings.defaults().estimation().withDeviceClass(deviceClass));
    }

    private List<PlannedPolicy> policies(
            Profile profile, List<TierDefinition> tiers, TierSettings settings, List<TierResolution> resolutions) {
        List<PlannedPolicy> planned = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            TierResolution resolution = resolutions.get(i);
            planned.add(
                    resolution.status() == TierStatus.INFEASIBLE
                            ? fallback(tiers.get(i), SingleStageFallback.choose(resolution, profile, settings))
                            : resolved(tiers.get(i), resolution));
        }
        return planned;
    }

    private PlannedPolicy resolved(TierDefinition tier, TierResolution r) {
        ObjectNode tables = json.createObjectNode();
        tables.put("mixProbability", r.mixProbability());
        tables.set("first", json.readTree(r.first().write()));
        if (r.second() != null) {
            tables.set("second", json.readTree(r.second().write()));
        }
        ObjectNode metrics = json.createObjectNode();
        metrics.put("status", r.status().name());
        metrics.put("family", r.family().name());
        metrics.put("reason", r.reason());
        MetricsJson.put(metrics, "promise", r.promise());
        MetricsJson.put(metrics, "aim", r.aim());
        MetricsJson.put(metrics, "firstMu", r.firstMu());
        MetricsJson.put(metrics, "secondMu", r.secondMu());
        MetricsJson.write(r.fit(), metrics.putObject("fit"));
        MetricsJson.write(r.heldOut(), metrics.putObject("heldOut"));
        if (r.heldOutGap() != null) {
            MetricsJson.write(r.heldOutGap(), metrics.putObject("heldOutGap"));
        }
        MetricsJson.put(metrics, "predictedError", r.predictedError());
        MetricsJson.put(metrics, "heldOutError", 1 - r.heldOut().accuracy());
        return new PlannedPolicy(
                tier.id(),
                tier.name(),
                r.status().name(),
                r.reason(),
                r.family() == PolicyFamily.RECALL,
                r.firstMu(),
                json.writeValueAsString(tables),
                json.writeValueAsString(metrics),
                r.heldOut().meanLatencyMs(),
                r.heldOut().accuracy());
    }

    private PlannedPolicy fallback(TierDefinition tier, SingleStageFallback.Choice choice) {
        String reason = choice.reason();
        if (choice.boundKeeps()) {
            log.info(
                    "Tier '{}' is served by {} alone: no planned cascade policy passed the held-out check, and this"
                            + " single stage's held-out bound keeps the promise: {}",
                    tier.name(),
                    choice.stage(),
                    reason);
        } else {
            log.warn(
                    "Tier '{}' does not keep its promise: no planned cascade policy passed the held-out check, and"
                            + " the single stage {} served instead misses it too: {}",
                    tier.name(),
                    choice.stage(),
                    reason);
        }
        return new PlannedPolicy(
                tier.id(),
                tier.name(),
                FALLBACK,
                reason,
                false,
                null,
                json.writeValueAsString(choice.tables()),
                json.writeValueAsString(choice.metrics()),
                choice.heldOut().meanLatencyMs(),
                choice.heldOut().accuracy());
    }

    private static TierSpec spec(TierDefinition tier) {
        return tier.objective() == ObjectiveKind.ACCURACY_TOLERANCE
                ? new TierSpec(
                        tier.name(), TierSpec.Kind.ACCURACY_TOLERANCE, tier.accuracyTolerance(), tier.deadlineMs())
                : new TierSpec(tier.name(), TierSpec.Kind.LATENCY_BUDGET, tier.latencyBudgetMs(), tier.deadlineMs());
    }
}
