package io.tierserve.platform.demo;

import io.tierserve.platform.cascade.ArtifactRequest;
import io.tierserve.platform.cascade.CascadeRequest;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.platform.cascade.PreprocessingRequest;
import io.tierserve.platform.cascade.StageRequest;
import io.tierserve.platform.inference.InProcessWorker;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.profiling.DemoProfile;
import java.util.List;
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

    private final InProcessWorker worker;
    private final CascadeService cascades;
    private final DemoCascadePolicies seeding;

    FashionMnistDemo(InProcessWorker worker, CascadeService cascades, DemoCascadePolicies seeding) {
        this.worker = worker;
        this.cascades = cascades;
        this.seeding = seeding;
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
        seeding.seed(tenant, stages, DemoProfile.load(), start);
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
