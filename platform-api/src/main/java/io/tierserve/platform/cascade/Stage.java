package io.tierserve.platform.cascade;

import io.tierserve.platform.tenant.TenantScopedId;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** One stage of a cascade: its place in the graph (parent, topological position) and its skip edges. */
@Entity
@Table(name = "stages")
@IdClass(TenantScopedId.class)
class Stage {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    @Column(name = "cascade_id")
    private UUID cascadeId;

    private String name;

    private int position;

    @Column(name = "parent_stage_id")
    private UUID parentStageId;

    private String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(
            name = "stage_skips",
            joinColumns = {
                @JoinColumn(name = "tenant_id", referencedColumnName = "tenant_id"),
                @JoinColumn(name = "from_stage_id", referencedColumnName = "id")
            })
    private Set<SkipEdge> skips = new HashSet<>();

    @Version
    private Long version;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Stage() {}

    Stage(UUID tenantId, UUID cascadeId, String name) {
        this.tenantId = tenantId;
        this.id = UUID.randomUUID();
        this.cascadeId = cascadeId;
        this.name = name;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Moves the stage to its place in a new graph; {@code skipTargets} are stage ids of the same cascade. */
    void place(int position, UUID parentStageId, String description, Set<UUID> skipTargets) {
        this.position = position;
        this.parentStageId = parentStageId;
        this.description = description == null ? "" : description;
        Set<SkipEdge> wanted = new HashSet<>();
        for (UUID target : skipTargets) {
            wanted.add(new SkipEdge(cascadeId, target));
        }
        skips.retainAll(wanted);
        skips.addAll(wanted);
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    int position() {
        return position;
    }

    UUID parentStageId() {
        return parentStageId;
    }

    String description() {
        return description;
    }

    Set<UUID> skipTargets() {
        Set<UUID> targets = new HashSet<>();
        skips.forEach(skip -> targets.add(skip.toStageId()));
        return targets;
    }
}
