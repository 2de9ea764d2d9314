package io.tierserve.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Prometheus scraper's own credential.
 *
 * @param scrapeToken the bearer token that reads {@code /actuator/prometheus} (env
 *     {@code TIERSERVE_METRICS_SCRAPE_TOKEN}); when empty only platform admins read it
 */
@ConfigurationProperties("tierserve.metrics")
record ScrapeProperties(String scrapeToken) {

    boolean tokenSet() {
        return scrapeToken != null && !scrapeToken.isBlank();
    }
}
