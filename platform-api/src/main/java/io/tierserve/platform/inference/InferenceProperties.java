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
 * @param deviceClass the in-process worker's device class (its pool), and the class profiles are
 *     measured on unless a measurement names another
 * @param permits how many requests the in-process worker runs at once; 0 means one per available
 *     processor
 * @param queueCapacity how many requests may wait for a permit, highest tier priority first
 * @param maxQueueWait how long a request waits for a permit before it is refused with 503
 * @param fullProfileFraction the share of public API requests that also run every stage once the
 *     answer is made, so that feedback on them can build a live profile (0 turns it off)
 * @param fullProfileQueue how many sampled requests may wait for the background thread that runs
 *     their full profiling; a sample that finds the queue full is dropped (and counted)
 * @param inProcess whether this process loads its own worker (the only member of its pool in
 *     standalone mode); false leaves serving to remote workers
 */
@Validated
@ConfigurationProperties("tierserve.inference")
record InferenceProperties(
        @DefaultValue("cpu") String deviceClass,
        @DefaultValue("0") @Min(0) @Max(1024) int permits,
        @DefaultValue("64") @Min(0) @Max(100_000) int queueCapacity,
        @DefaultValue("2s") Duration maxQueueWait,
        @DefaultValue("0.05") double fullProfileFraction,
        @DefaultValue("64") @Min(1) @Max(100_000) int fullProfileQueue,
        @DefaultValue("true") boolean inProcess) {

    InferenceProperties {
        if (!(fullProfileFraction >= 0 && fullProfileFraction <= 1)) {
            throw new IllegalArgumentException(
                    "tierserve.inference.full-profile-fraction must be in [0, 1], was " + fullProfileFraction);
        }
    }

    /** The number of permits, with 0 resolved to the available processors. */
    int effectivePermits() {
        return permits > 0 ? permits : Runtime.getRuntime().availableProcessors();
    }
}
