package io.tierserve.platform.serving;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the serving snapshot stays current.
 *
 * @param fullReloadInterval how often the whole snapshot is read again, whatever the notifications
 *     said (a safety net: notifications are lost while the listening connection is down)
 * @param catchUpTimeout how long a thread that has just committed a change waits for this instance's
 *     snapshot to include it
 */
@ConfigurationProperties("tierserve.serving")
record ServingProperties(
        @DefaultValue("30s") Duration fullReloadInterval,
        @DefaultValue("1s") Duration catchUpTimeout) {}
