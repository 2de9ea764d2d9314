package io.tierserve.platform.cascade;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;

/** A jump from the owning stage straight to a later stage of the same cascade. */
@Embeddable
record SkipEdge(
        @Column(name = "cascade_id") UUID cascadeId,
        @Column(name = "to_stage_id") UUID toStageId) {}
