package io.tierserve.platform.demo;

import io.tierserve.platform.apikey.ApiKeyService;
import io.tierserve.platform.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Adds the configured demo key ({@code TIERSERVE_DEMO_API_KEY}) to an existing demo tenant on every
 * start, so setting it later works too; a key with the same prefix (even a revoked one) is left
 * as it is.
 */
@Component
@Order(20)
class ConfiguredDemoKey implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredDemoKey.class);

    private final ApiKeyService keys;
    private final TenantService tenants;
    private final DemoApiKeyProperties key;
    private final DemoProperties demo;

    ConfiguredDemoKey(ApiKeyService keys, TenantService tenants, DemoApiKeyProperties key, DemoProperties demo) {
        this.keys = keys;
        this.tenants = tenants;
        this.key = key;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demo.enabled() || key.apiKey() == null || key.apiKey().isBlank()) {
            return;
        }
        tenants.findIdOf(demo.tenant()).ifPresent(tenant -> {
            String name = "configured-" + key.apiKey().substring(3, 15).toLowerCase(java.util.Locale.ROOT);
            if (keys.ensure(tenant, name, key.apiKey())) {
                log.info("Added the configured API key to the '{}' tenant", demo.tenant());
            }
        });
    }
}
