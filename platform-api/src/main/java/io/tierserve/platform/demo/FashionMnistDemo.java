package io.tierserve.platform.demo;

import io.tierserve.platform.cascade.ArtifactRequest;
import io.tierserve.platform.cascade.CascadeRequest;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.platform.cascade.PreprocessingRequest;
import io.tierserve.platform.cascade.StageRequest;
import io.tierserve.platform.inference.InProcessWorker;
import io.tierserve.platform.policy.PlannedPolicy;
import io.tierserve.platform.policy.PolicyVersionService;
import io.tierserve.platform.policy.TierPlanner;
import io.tierserve.platform.profile.ProfileStore;
import io.tierserve.platform.tier.TierDefinition;
import io.tierserve.platform.tier.TierService;
import io.tierserve.policy.profile.Profile;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.profiling.DemoProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo tenant's {@code fashion-mnist} cascade (the inference workers' committed early-exit CNN),
 * its committed CPU profile, and an active policy per tier, so inference answers out of the box.
 *
 * <p>Every part is skipped when it is already there, so a step interrupted half-way (or re-run
 * by hand) adds only what is missing.
 */
@Component
class FashionMnistDemo implements DemoSeedContributor {

    static final String PROFILE_NAME = "committed cpu profile";

    private static final Logger log = LoggerFactory.getLogger(FashionMnistDemo.class);

    private final InProcessWorker worker;
    private final CascadeService cascades;
    private final ProfileStore profiles;
    private final TierService tiers;
    private final TierPlanner planner;
    private final PolicyVersionService policies;

    FashionMnistDemo(
            InProcessWorker worker,
            CascadeService cascades,
            ProfileStore profiles,
            TierService tiers,
            TierPlanner planner,
            PolicyVersionService policies) {
        this.worker = worker;
        this.cascades = cascades;
        this.profiles = profiles;
        this.tiers = tiers;
        this.planner = planner;
        this.policies = policies;
    }

    @Override
    public String step() {
        return "fashion-mnist-cascade";
    }

    @Override
    public int getOrder() {
        return 100;
    }

    @Override
    public void seed(DemoTenant tenant) {
        long start = System.nanoTime();
        CascadeManifest manifest = worker.manifest(InProcessWorker.DEMO_CASCADE);
        if (!cascades.exists(tenant.name(), manifest.name())) {
            createCascade(tenant, manifest);
        }
        CascadeStages stages = cascades.stages(tenant.name(), manifest.name());
        Profile profile = DemoProfile.load();
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
                    java.util.Locale.ROOT,
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
                manifest.name(),
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

    /** The manifest's normalisation as the cascade API states it ({@code (pixel / 255 - mean) / std}). */
    static PreprocessingRequest preprocessing(CascadeManifest manifest) {
        return new PreprocessingRequest(
                manifest.preprocessing().mean(), manifest.preprocessing().std());
    }

    /** What the manifest's stages output: {@code logits} or {@code probabilities}. */
    static String output(CascadeManifest manifest) {
        return manifest.stages().get(0).output();
    }

    private void createCascade(DemoTenant tenant, CascadeManifest manifest) {
        List<StageRequest> stageRequests = manifest.stages().stream()
                .map(stage -> new StageRequest(stage.id(), stage.parent(), "Exit of the demo early-exit CNN", null))
                .toList();
        cascades.create(
                tenant.name(),
                new CascadeRequest(
                        manifest.name(),
                        "Three exits of one early-exit CNN on Fashion-MNIST (demo)",
                        stageRequests,
                        manifest.inputShape(),
                        manifest.labels(),
                        preprocessing(manifest),
                        output(manifest)));
        for (StageSpec stage : manifest.stages()) {
            String file = stage.files().get(stage.engine());
            cascades.attachArtifact(
                    tenant.name(),
                    manifest.name(),
                    stage.id(),
                    new ArtifactRequest(
                            StageSpec.ONNX_RUNTIME.equals(stage.engine()) ? "ONNX" : "DJL",
                            stage.engine(),
                            InProcessWorker.DEMO_LOCATION_PREFIX + file,
                            DemoFiles.sha256(file),
                            DemoFiles.size(file)));
        }
    }
}
