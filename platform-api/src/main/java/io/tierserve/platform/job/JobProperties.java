package io.tierserve.platform.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * In-process job processing (standalone mode).
 *
 * @param inProcess run processors in this process; false when {@code policy-service serve} instances do it
 * @param processors jobs worked at once
 * @param lease lease per claim, renewed every third
 * @param poll wait between polls of an empty queue
 */
@ConfigurationProperties("tierserve.jobs")
record JobProperties(
        @DefaultValue("true") boolean inProcess,
        @DefaultValue("1") int processors,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("250ms") Duration poll) {}
