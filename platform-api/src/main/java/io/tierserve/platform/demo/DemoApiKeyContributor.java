package io.tierserve.platform.demo;

import io.tierserve.platform.apikey.ApiKeyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Gives the demo tenant its first API key: the configured one, or a random one printed once (only
 * its hash is stored).
 */
@Component
@EnableConfigurationProperties(DemoApiKeyProperties.class)
class DemoApiKeyContributor implements DemoSeedContributor {

    static final String KEY_NAME = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoApiKeyContributor.class);

    private final ApiKeyService keys;
    private final DemoApiKeyProperties properties;

    DemoApiKeyContributor(ApiKeyService keys, DemoApiKeyProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public String step() {
        return "demo-api-key";
    }

    @Override
    public int getOrder() {
        return 50;
    }

    @Override
    public void seed(DemoTenant tenant) {
        String configured = properties.apiKey();
        if (configured != null && !configured.isBlank()) {
            keys.ensure(tenant.id(), KEY_NAME, configured);
            log.info("Created the '{}' tenant's API key from TIERSERVE_DEMO_API_KEY", tenant.name());
            return;
        }
        String key = keys.createKey(tenant.id(), KEY_NAME);
        // Printed once: only its hash is stored, so this is the only chance to read it.
        log.warn(
                "\n\n    Created API key '{}' of tenant '{}': {}\n"
                        + "    It is shown only now. Set TIERSERVE_DEMO_API_KEY to choose one on a new database.\n",
                KEY_NAME,
                tenant.name(),
                key);
    }
}
