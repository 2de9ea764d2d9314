package io.tierserve.platform.policy;

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
import org.hibernate.annotations.ColumnTransformer;

/** One computed policy for (cascade, tier, device class); at most one version of each is active. */
@Entity
@Table(name = "policy_versions")
@IdClass(TenantScopedId.class)
class PolicyVersion {

    static final String ACTIVE = "ACTIVE";
    static final String RETIRED = "RETIRED";

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    @Column(name = "cascade_id")
    private UUID cascadeId;

    @Column(name = "tier_id")
    private UUID tierId;

    @Column(name = "device_class")
    private String deviceClass;

    @Column(name = "version_number")
    private int versionNumber;

    @Column(name = "profile_id")
    private UUID profileId;

    private String status;

    private boolean recall;

    @Column(name = "tradeoff_weight")
    private Double tradeoffWeight;

    // JSON text written through a cast, so Hibernate needs no JSON library of its own
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String tables;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String metrics;

    @Column(name = "expected_cost_ms")
    private Double expectedCostMs;

    @Column(name = "expected_accuracy")
    private Double expectedAccuracy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "activated_at")
    private Instant activatedAt;

    @Version
    private Long version;

    protected PolicyVersion() {}

    /** A version that is active from now on; the caller retires the previous one first. */
    static PolicyVersion active(
            UUID tenantId, UUID cascadeId, UUID profileId, String deviceClass, int versionNumber, PlannedPolicy plan) {
        PolicyVersion v = new PolicyVersion();
        v.tenantId = tenantId;
        v.id = UUID.randomUUID();
        v.cascadeId = cascadeId;
        v.tierId = plan.tierId();
        v.deviceClass = deviceClass;
        v.versionNumber = versionNumber;
        v.profileId = profileId;
        v.recall = plan.recall();
        v.tradeoffWeight = plan.mu();
        v.tables = plan.tables();
        v.metrics = plan.metrics();
        v.expectedCostMs = plan.expectedCostMs();
        v.expectedAccuracy = plan.expectedAccuracy();
        v.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        v.status = ACTIVE;
        v.activatedAt = v.createdAt;
        return v;
    }

    /** Another version takes over; the activation time stays as the record of when this one served. */
    void retire() {
        if (!ACTIVE.equals(status)) {
            throw new IllegalStateException("only an active version can be retired, this one is " + status);
        }
        this.status = RETIRED;
    }

    UUID id() {
        return id;
    }

    int versionNumber() {
        return versionNumber;
    }

    String tables() {
        return tables;
    }

    String metrics() {
        return metrics;
    }
}
