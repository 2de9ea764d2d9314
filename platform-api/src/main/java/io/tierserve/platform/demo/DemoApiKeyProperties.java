package io.tierserve.platform.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo tenant's API key.
 *
 * @param apiKey a fixed key ({@code TIERSERVE_DEMO_API_KEY}), shaped {@code ts_<12 letters or
 *     digits>_<16+ characters>}; a random one is generated and printed once when empty
 */
@ConfigurationProperties("tierserve.demo")
record DemoApiKeyProperties(String apiKey) {}
