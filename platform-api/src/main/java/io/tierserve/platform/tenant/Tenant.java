package io.tierserve.platform.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An organisation on the platform; every tenant-owned row carries its id.
 *
 * <p>Timestamps here and in the other entities are cut to microseconds, PostgreSQL's precision, so
 * a response shows what a later read returns.
 */
@Entity
@Table(name = "tenants")
class Tenant {

    @Id
    private UUID id;

    private String name;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "policy_activation")
    private String policyActivation;

    @Version
    private Long version;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Tenant() {}

    Tenant(String name, String displayName) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.displayName = displayName;
        this.policyActivation = "AUTOMATIC";
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = createdAt;
    }

    void rename(String name, String displayName) {
        this.name = name;
        this.displayName = displayName;
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String displayName() {
        return displayName;
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
