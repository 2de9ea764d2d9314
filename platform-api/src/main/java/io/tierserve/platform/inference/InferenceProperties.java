package io.tierserve.platform.inference;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Inference settings.
 *
 * @param deviceClass the device class whose policy versions this process serves
 * @param fullProfileFraction the share of public API requests that also run every stage once the
 *     answer is made, so that feedback on them can build a live profile (0 turns it off)
 */
@ConfigurationProperties("tierserve.inference")
record InferenceProperties(
        @DefaultValue("cpu") String deviceClass,
        @DefaultValue("0.05") double fullProfileFraction) {

    InferenceProperties {
        if (!(fullProfileFraction >= 0 && fullProfileFraction <= 1)) {
            throw new IllegalArgumentException(
                    "tierserve.inference.full-profile-fraction must be in [0, 1], was " + fullProfileFraction);
        }
    }
}
