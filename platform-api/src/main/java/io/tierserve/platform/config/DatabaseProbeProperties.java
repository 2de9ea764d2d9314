package io.tierserve.platform.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link DatabaseAvailability} checks the database.
 *
 * @param probeInterval time between two checks
 * @param probeTimeout how long one check may take (connecting included, whole seconds) before the
 *     database counts as down
 */
@ConfigurationProperties("tierserve.database")
record DatabaseProbeProperties(
        @DefaultValue("1s") Duration probeInterval,
        @DefaultValue("2s") Duration probeTimeout) {}
