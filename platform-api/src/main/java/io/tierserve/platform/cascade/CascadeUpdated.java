package io.tierserve.platform.cascade;

import java.util.UUID;

/** A cascade's stages or model input fields were replaced; published in the update's transaction. */
public record CascadeUpdated(UUID tenantId, UUID cascadeId, String name) {}
