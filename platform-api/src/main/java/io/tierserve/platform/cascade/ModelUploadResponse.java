package io.tierserve.platform.cascade;

import java.util.UUID;

/** An uploaded stage model as stored: the artifact row's id, location and digest. */
record ModelUploadResponse(
        UUID artifactId,
        String cascade,
        String stage,
        String location,
        String sha256,
        long sizeBytes,
        boolean replaced) {}
