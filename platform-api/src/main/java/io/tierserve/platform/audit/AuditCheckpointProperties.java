package io.tierserve.platform.audit;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed checkpoints of the audit chains' heads, kept outside the database.
 *
 * @param checkpointKey the HMAC key (env {@code TIERSERVE_AUDIT_CHECKPOINT_KEY}); when empty one is
 *     generated once into {@code directory/checkpoint.key}
 * @param directory where the checkpoints (one JSON line each, per chain) and the generated key live
 */
@ConfigurationProperties("tierserve.audit")
record AuditCheckpointProperties(
        String checkpointKey,
        @DefaultValue("data/audit-checkpoints") Path directory) {}
