package io.tierserve.platform.demo;

import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.inference.InProcessWorker;
import io.tierserve.worker.cascade.CascadeManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * States what the demo cascade's models read and output (input shape, labels, preprocessing,
 * output) on a database whose demo cascade was seeded without them; a new demo cascade is created
 * with them ({@link FashionMnistDemo}), so this step changes nothing there.
 */
@Component
class DemoModelInputContributor implements DemoSeedContributor {

    private static final Logger log = LoggerFactory.getLogger(DemoModelInputContributor.class);

    private final InProcessWorker worker;
    private final CascadeService cascades;

    DemoModelInputContributor(InProcessWorker worker, CascadeService cascades) {
        this.worker = worker;
        this.cascades = cascades;
    }

    @Override
    public String step() {
        return "fashion-mnist-model-input";
    }

    @Override
    public int getOrder() {
        return 110;
    }

    @Override
    public void seed(DemoTenant tenant) {
        CascadeManifest manifest = worker.manifest(InProcessWorker.DEMO_CASCADE);
        if (!cascades.exists(tenant.name(), manifest.name())) {
            return;
        }
        if (cascades.defineModelInputIfAbsent(
                tenant.name(),
                manifest.name(),
                manifest.inputShape(),
                manifest.labels(),
                FashionMnistDemo.preprocessing(manifest),
                FashionMnistDemo.output(manifest))) {
            log.info("Stated the input shape, labels and preprocessing of demo cascade '{}'", manifest.name());
        }
    }
}
