package io.tierserve.platform.demo;

import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.platform.policy.PlannedPolicy;
import io.tierserve.platform.policy.PolicyVersionService;
import io.tierserve.platform.policy.TierPlanner;
import io.tierserve.platform.profile.ProfileStore;
import io.tierserve.platform.tier.TierDefinition;
import io.tierserve.platform.tier.TierService;
import io.tierserve.policy.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The part every demo cascade's seeding shares: its committed profile stored once, a version
 * planned and activated for every tier of the tenant that has none on the profile's device class,
 * the held-out frontier the planner considered stored with them, and one log line saying so.
 */
@Component
class DemoCascadePolicies {

    /** The name the committed profile of a demo cascade is stored under. */
    static final String PROFILE_NAME = "committed cpu profile";

    private static final Logger log = LoggerFactory.getLogger(DemoCascadePolicies.class);

    private final ProfileStore profiles;
    private final TierService tiers;
    private final TierPlanner planner;
    private final PolicyVersionService policies;

    DemoCascadePolicies(ProfileStore profiles, TierService tiers, TierPlanner planner, PolicyVersionService policies) {
        this.profiles = profiles;
        this.tiers = tiers;
        this.planner = planner;
        this.policies = policies;
    }

    /** Stores {@code profile} if missing and serves every unserved tier from it; {@code start} is the step's start. */
    void seed(DemoTenant tenant, CascadeStages stages, Profile profile, long start) {
        long profileStart = System.nanoTime();
        UUID profileId = profiles.find(stages, PROFILE_NAME)
                .orElseGet(() -> profiles.store(stages, PROFILE_NAME, "MEASURED", profile));
        long profileMillis = (System.nanoTime() - profileStart) / 1_000_000;
        List<TierDefinition> unserved = tiers.definitions(tenant.name()).stream()
                .filter(tier -> !policies.hasActive(tenant.id(), stages.cascadeId(), tier.id(), profile.deviceClass()))
                .toList();
        long planStart = System.nanoTime();
        List<PlannedPolicy> plans = List.of();
        if (!unserved.isEmpty()) {
            TierPlanner.PlannedTiers planned = planner.planWithFrontier(profile, unserved, profile.deviceClass());
            policies.storeFrontier(
                    tenant.id(), stages.cascadeId(), profileId, profile.deviceClass(), planned.frontierJson());
            plans = planned.policies();
        }
        long planMillis = (System.nanoTime() - planStart) / 1_000_000;
        List<String> summary = new ArrayList<>();
        for (PlannedPolicy plan : plans) {
            int version = policies.activate(tenant.id(), stages.cascadeId(), profileId, profile.deviceClass(), plan);
            summary.add(String.format(
                    Locale.ROOT,
                    "%s v%d %s (held-out accuracy %.4f, mean latency %.4f ms)",
                    plan.tierName(),
                    version,
                    plan.status(),
                    plan.expectedAccuracy(),
                    plan.expectedCostMs()));
        }
        log.info(
                "Seeded demo cascade '{}' in tenant '{}': stages {}, profile of {} samples x {} stages stored in {} ms,"
                        + " {} {} policies computed in {} ms: {}; total {} ms",
                stages.name(),
                tenant.name(),
                stages.stageNames(),
                profile.sampleCount(),
                profile.stageCount(),
                profileMillis,
                plans.size(),
                profile.deviceClass(),
                planMillis,
                String.join("; ", summary),
                (System.nanoTime() - start) / 1_000_000);
    }
}
