package io.tierserve.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed logins are allowed before further attempts wait.
 *
 * @param failuresPerAccount failed logins per attempted user name per {@code window}
 * @param failuresPerAddress failed logins per client address per {@code window}, whatever the names
 * @param window the time in which a full allowance refills (gradually)
 */
@ConfigurationProperties("tierserve.login")
record LoginThrottleProperties(
        @DefaultValue("10") int failuresPerAccount,
        @DefaultValue("100") int failuresPerAddress,
        @DefaultValue("15m") Duration window) {}
