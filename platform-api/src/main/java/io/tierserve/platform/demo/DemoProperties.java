package io.tierserve.platform.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo data settings.
 *
 * @param enabled whether an empty database gets the demo tenant, and an existing demo tenant new steps
 * @param tenant the demo tenant's name
 */
@ConfigurationProperties("tierserve.demo")
record DemoProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("demo") String tenant) {}
