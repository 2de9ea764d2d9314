package io.tierserve.platform.cascade;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on uploaded stage models.
 *
 * @param maxUploadBytes the largest ONNX file accepted (64 MiB by default; the bytes are stored in PostgreSQL)
 */
@ConfigurationProperties("tierserve.models")
record ModelUploadProperties(@DefaultValue("67108864") long maxUploadBytes) {}
