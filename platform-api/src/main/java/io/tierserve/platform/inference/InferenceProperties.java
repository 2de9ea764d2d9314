package io.tierserve.platform.inference;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Inference settings.
 *
 * @param deviceClass the device class whose policy versions this process serves
 */
@ConfigurationProperties("tierserve.inference")
record InferenceProperties(@DefaultValue("cpu") String deviceClass) {}
