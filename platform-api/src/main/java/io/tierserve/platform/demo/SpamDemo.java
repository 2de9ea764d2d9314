package io.tierserve.platform.demo;

import io.tierserve.platform.cascade.ArtifactRequest;
import io.tierserve.platform.cascade.CascadeRequest;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo tenant's text cascade {@code spam} (labels {@code ham}, {@code spam}): three separately
 * trained models bundled with the workers — hashed n-grams with a linear model, all-MiniLM-L6-v2 and
 * e5-small-v2 sentence embeddings with linear heads — its CPU profile (measured by the workers'
 * profiler on the SpamAssassin corpus's profile split, committed) and an active policy per tier.
 *
 * <p>Like the image demo, every part is skipped when it is already there.
 */
@Component
class SpamDemo implements DemoSeedContributor {

    /** The committed profile's classpath location. */
    static final String PROFILE_RESOURCE = "demo/spam/profile-cpu.json.gz";

    private static final Logger log = LoggerFactory.getLogger(SpamDemo.class);

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "ngrams", "Hashed word 1-2-grams and character 3-5-grams, logistic regression",
            "minilm", "all-MiniLM-L6-v2 (quantized) embedding of the first 128 tokens, logistic regression",
            "e5", "e5-small-v2 (quantized) embedding of the first 256 tokens, logistic regression");

    private final InProcessWorker worker;
    private final CascadeService cascades;
    private final ProfileStore profiles;
    private final TierService tiers;
    private final TierPlanner planner;
    private final PolicyVersionService policies;

    SpamDemo(
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
        return "spam-cascade";
    }

    @Override
    public int getOrder() {
        return 120;
    }

    @Override
    public void seed(DemoTenant tenant) {
        long start = System.nanoTime();
        CascadeManifest manifest = worker.manifest(InProcessWorker.SPAM_CASCADE);
        if (!cascades.exists(tenant.name(), manifest.name())) {
            createCascade(tenant, manifest);
        }
        CascadeStages stages = cascades.stages(tenant.name(), manifest.name());
        Profile profile = DemoProfile.load(PROFILE_RESOURCE);
        UUID profileId = profiles.find(stages, FashionMnistDemo.PROFILE_NAME)
                .orElseGet(() -> profiles.store(stages, FashionMnistDemo.PROFILE_NAME, "MEASURED", profile));
        List<TierDefinition> unserved = tiers.definitions(tenant.name()).stream()
                .filter(tier -> !policies.hasActive(tenant.id(), stages.cascadeId(), tier.id(), profile.deviceClass()))
                .toList();
        long planStart = System.nanoTime();
        List<PlannedPolicy> plans =
                unserved.isEmpty() ? List.of() : planner.plan(profile, unserved, profile.deviceClass());
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
                "Seeded demo cascade '{}' in tenant '{}': stages {}, profile of {} samples x {} stages,"
                        + " {} {} policies computed in {} ms: {}; total {} ms",
                manifest.name(),
                tenant.name(),
                stages.stageNames(),
                profile.sampleCount(),
                profile.stageCount(),
                plans.size(),
                profile.deviceClass(),
                planMillis,
                String.join("; ", summary),
                (System.nanoTime() - start) / 1_000_000);
    }

    private void createCascade(DemoTenant tenant, CascadeManifest manifest) {
        List<StageRequest> stageRequests = manifest.stages().stream()
                .map(stage -> new StageRequest(
                        stage.id(), stage.parent(), DESCRIPTIONS.getOrDefault(stage.id(), "Text model"), null))
                .toList();
        cascades.create(
                tenant.name(),
                new CascadeRequest(
                        manifest.name(),
                        "Spam or ham: three separately trained text models on the SpamAssassin corpus (demo)",
                        stageRequests,
                        manifest.inputShape(),
                        manifest.labels(),
                        null,
                        manifest.stages().get(0).output(),
                        manifest.input()));
        List<String> locations = worker.artifactLocations(manifest.name());
        for (int i = 0; i < manifest.stages().size(); i++) {
            StageSpec stage = manifest.stages().get(i);
            String location = locations.get(i);
            cascades.attachArtifact(
                    tenant.name(),
                    manifest.name(),
                    stage.id(),
                    new ArtifactRequest(
                            StageSpec.HASHED_NGRAMS.equals(stage.engine()) ? "HASHED_NGRAMS" : "ENCODER_HEAD",
                            stage.engine(),
                            location,
                            DemoFiles.sha256At(location),
                            DemoFiles.sizeAt(location)));
        }
    }
}
