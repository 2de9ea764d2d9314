package io.tierserve.platform.demo;

import io.tierserve.platform.cascade.ArtifactRequest;
import io.tierserve.platform.cascade.CascadeRequest;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.platform.cascade.StageRequest;
import io.tierserve.platform.inference.InProcessWorker;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.profiling.DemoProfile;
import java.util.List;
import java.util.Map;
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

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "ngrams", "Hashed word 1-2-grams and character 3-5-grams, logistic regression",
            "minilm", "all-MiniLM-L6-v2 (quantized) embedding of the first 128 tokens, logistic regression",
            "e5", "e5-small-v2 (quantized) embedding of the first 256 tokens, logistic regression");

    private final InProcessWorker worker;
    private final CascadeService cascades;
    private final DemoCascadePolicies seeding;

    SpamDemo(InProcessWorker worker, CascadeService cascades, DemoCascadePolicies seeding) {
        this.worker = worker;
        this.cascades = cascades;
        this.seeding = seeding;
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
        seeding.seed(tenant, stages, DemoProfile.load(PROFILE_RESOURCE), start);
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
