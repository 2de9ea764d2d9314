package io.tierserve.platform.cascade;

import io.tierserve.platform.tenant.TenantScopedId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A tenant's cascade; its stages are rows of their own, kept in step by {@link CascadeService}. */
@Entity
@Table(name = "cascades")
@IdClass(TenantScopedId.class)
class Cascade {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    private String name;

    private String description;

    @Version
    private Long version;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Cascade() {}

    Cascade(UUID tenantId, String name, String description) {
        this.tenantId = tenantId;
        this.id = UUID.randomUUID();
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        describe(name, description);
    }

    void describe(String name, String description) {
        this.name = name;
        this.description = description == null ? "" : description;
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    UUID tenantId() {
        return tenantId;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    long version() {
        return version == null ? 0 : version;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
