package io.tierserve.platform.usage;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds the label cardinality of the usage meters: at most 100 tenants, 50 tiers and 100
 * cascades appear as label values; meters for further values are not registered (the usage
 * records in the database still count them).
 */
@Configuration(proxyBeanMethods = false)
class UsageMetricsConfiguration {

    @Bean
    MeterFilter boundedTenantLabels() {
        return MeterFilter.maximumAllowableTags("tierserve", "tenant", 100, MeterFilter.deny());
    }

    @Bean
    MeterFilter boundedTierLabels() {
        return MeterFilter.maximumAllowableTags("tierserve", "tier", 50, MeterFilter.deny());
    }

    @Bean
    MeterFilter boundedCascadeLabels() {
        return MeterFilter.maximumAllowableTags("tierserve", "cascade", 100, MeterFilter.deny());
    }
}
