package io.tierserve.platform.usage;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How usage records are written behind the requests.
 *
 * @param flushInterval how often the buffered records are written; a process killed with
 *     {@code kill -9} loses at most this much usage (a graceful shutdown loses none)
 * @param bufferCapacity records held at most; a request that finds the buffer full writes it itself
 */
@Validated
@ConfigurationProperties("tierserve.usage")
record UsageProperties(
        @DefaultValue("200ms") Duration flushInterval,
        @DefaultValue("65536") @Min(1) int bufferCapacity) {}
