package io.tierserve.platform.cascade;

import java.util.UUID;

/** A tenant uploaded a stage model; published in the upload's transaction. */
public record ModelUploaded(UUID tenantId, String cascade, String stage, UUID artifactId, String sha256) {}
