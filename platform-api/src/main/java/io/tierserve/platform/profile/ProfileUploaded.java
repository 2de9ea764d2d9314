package io.tierserve.platform.profile;

import java.util.UUID;

/** A stored profile and the recomputation job queued with it. */
record ProfileUploaded(UUID profileId, String name, int samples, UUID jobId) {}
