package io.tierserve.platform.inference;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Inference settings.
 *
 * @param deviceClass the device class whose policy versions this process serves
 * @param permits how many requests the in-process worker runs at once; 0 means one per available
 *     processor
 * @param queueCapacity how many requests may wait for a permit, highest tier priority first
 * @param maxQueueWait how long a request waits for a permit before it is refused with 503
 */
@Validated
@ConfigurationProperties("tierserve.inference")
record InferenceProperties(
        @DefaultValue("cpu") String deviceClass,
        @DefaultValue("0") @Min(0) @Max(1024) int permits,
        @DefaultValue("64") @Min(0) @Max(100_000) int queueCapacity,
        @DefaultValue("2s") Duration maxQueueWait) {

    /** The number of permits, with 0 resolved to the available processors. */
    int effectivePermits() {
        return permits > 0 ? permits : Runtime.getRuntime().availableProcessors();
    }
}
