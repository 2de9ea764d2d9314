package io.tierserve.policy.service;

import io.tierserve.policy.frontier.FrontierBuilder;
import io.tierserve.policy.frontier.FrontierFormat;
import io.tierserve.policy.frontier.FrontierReport;
import io.tierserve.policy.frontier.FrontierSettings;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.tier.FrontierJson;
import io.tierserve.policy.tier.PolicyFamily;
import io.tierserve.policy.tier.SingleStageFallback;
import io.tierserve.policy.tier.TierJson;
import io.tierserve.policy.tier.TierPlanning;
import io.tierserve.policy.tier.TierResolution;
import io.tierserve.policy.tier.TierResolver;
import io.tierserve.policy.tier.TierSettings;
import io.tierserve.policy.tier.TierSpec;
import io.tierserve.policy.tier.TierStatus;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Computes the policy versions of one profile: per device class, every tier resolved on the profile
 * (docs/algorithms.md#tiers) with its held-out metrics, and the frontier with the baselines
 * (docs/algorithms.md#replay-and-evaluation). A tier the resolver reports infeasible is served by
 * the same single-stage fallback the platform's demo seeding uses, so every tier gets a new
 * version.
 *
 * <p>Pure computation, no database: the same inputs always give the same versions (seeded splits).
 */
final class Recomputation {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * The versions computed (one per tier and device class), the tiers no recall policy could serve
     * (each got a {@link SingleStageFallback} version instead; listed with the reason), and how long
     * reading the inputs and computing took.
     */
    record Result(
            List<ComputedVersion> versions,
            List<ComputedFrontier> frontiers,
            List<String> fallbacks,
            long readMillis,
            long computeMillis) {

        Result withReadMillis(long millis) {
            return new Result(versions, frontiers, fallbacks, millis, computeMillis);
        }
    }

    /**
     * The held-out frontier of one device class: every policy family the tiers were planned with
     * and the baselines ({@link FrontierJson}), stored with the versions.
     */
    record ComputedFrontier(String deviceClass, String frontierJson) {}

    private Recomputation() {}

    static Result compute(Profile profile, List<String> deviceClasses, List<CascadeTier> tiers) {
        long start = System.nanoTime();
        List<ComputedVersion> versions = new ArrayList<>();
        List<ComputedFrontier> frontiers = new ArrayList<>();
        List<String> fallbacks = new ArrayList<>();
        List<TierSpec> specs = tiers.stream().map(CascadeTier::spec).toList();
        for (String device : deviceClasses) {
            Profile onDevice = new Profile(
                    profile.formatVersion(),
                    profile.cascade(),
                    device,
                    profile.labels(),
                    profile.stages(),
                    profile.samples());
            FrontierReport report = FrontierBuilder.build(onDevice, FrontierSettings.defaults());
            JsonNode frontier = MAPPER.readTree(FrontierFormat.json(report));
            TierSettings settings = TierSettings.defaults();
            TierPlanning planning = TierResolver.plan(onDevice, specs, settings);
            frontiers.add(
                    new ComputedFrontier(device, MAPPER.writeValueAsString(FrontierJson.write(planning, report))));
            List<TierResolution> resolutions = planning.tiers();
            for (int t = 0; t < resolutions.size(); t++) {
                TierResolution r = resolutions.get(t);
                if ((r.status() == TierStatus.INFEASIBLE || r.first() == null)
                        && !SingleStageFallback.appliesTo(onDevice)) {
                    // a tree has no single-stage rule; the tier keeps its active version
                    fallbacks.add(r.spec().name() + "@" + device + ": " + r.reason() + "; no version (not a line)");
                    continue;
                }
                if (r.status() == TierStatus.INFEASIBLE || r.first() == null) {
                    SingleStageFallback.Choice fallback = SingleStageFallback.choose(r, onDevice, settings);
                    fallbacks.add(r.spec().name() + "@" + device + ": " + fallback.reason());
                    ObjectNode metrics = fallback.metrics();
                    metrics.put("deviceClass", device);
                    metrics.set("frontier", frontier);
                    versions.add(new ComputedVersion(
                            tiers.get(t).id(),
                            r.spec().name(),
                            device,
                            false,
                            MAPPER.writeValueAsString(fallback.tables()),
                            MAPPER.writeValueAsString(metrics),
                            Double.NaN,
                            fallback.heldOut().accuracy(),
                            fallback.heldOut().meanLatencyMs()));
                    continue;
                }
                ObjectNode metrics =
                        (ObjectNode) MAPPER.readTree(TierJson.write(List.of(r))).get(0);
                ObjectNode tables = MAPPER.createObjectNode();
                tables.put("mixProbability", r.mixProbability());
                tables.set("first", metrics.remove("first"));
                if (metrics.has("second")) {
                    tables.set("second", metrics.remove("second"));
                }
                metrics.put("deviceClass", device);
                metrics.set("frontier", frontier);
                versions.add(new ComputedVersion(
                        tiers.get(t).id(),
                        r.spec().name(),
                        device,
                        r.family() == PolicyFamily.RECALL,
                        MAPPER.writeValueAsString(tables),
                        MAPPER.writeValueAsString(metrics),
                        r.firstMu(),
                        r.heldOut().accuracy(),
                        r.heldOut().meanLatencyMs()));
            }
        }
        return new Result(versions, frontiers, fallbacks, 0, (System.nanoTime() - start) / 1_000_000);
    }
}
