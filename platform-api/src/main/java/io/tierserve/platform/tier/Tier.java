package io.tierserve.platform.tier;

import io.tierserve.platform.tenant.TenantScopedId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A tenant's tier; {@link TierRules} has checked its settings before they get here. */
@Entity
@Table(name = "tiers")
@IdClass(TenantScopedId.class)
class Tier {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    private String name;

    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "objective_kind")
    private ObjectiveKind objective;

    @Column(name = "accuracy_tolerance")
    private Double accuracyTolerance;

    @Column(name = "latency_budget_ms")
    private Double latencyBudgetMs;

    @Column(name = "deadline_ms")
    private Double deadlineMs;

    private int priority;

    @Column(name = "rate_limit_per_second")
    private Integer rateLimitPerSecond;

    @Column(name = "quota_per_day")
    private Long quotaPerDay;

    @Column(name = "default_tier")
    private boolean defaultTier;

    @Column(name = "device_class")
    private String deviceClass;

    @Version
    private Long version;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Tier() {}

    Tier(UUID tenantId, TierRequest settings) {
        this.tenantId = tenantId;
        this.id = UUID.randomUUID();
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(settings);
    }

    /** Replaces every setting with the request's. */
    void apply(TierRequest settings) {
        this.name = settings.name();
        this.description = settings.description() == null ? "" : settings.description();
        this.objective = settings.objective();
        this.accuracyTolerance = settings.accuracyTolerance();
        this.latencyBudgetMs = settings.latencyBudgetMs();
        this.deadlineMs = settings.deadlineMs();
        this.priority = settings.priority() == null ? 5 : settings.priority();
        this.rateLimitPerSecond = settings.rateLimitPerSecond();
        this.quotaPerDay = settings.quotaPerDay();
        this.defaultTier = Boolean.TRUE.equals(settings.defaultTier());
        this.deviceClass = settings.deviceClass();
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Replaces the tier's limits and nothing else. */
    void limit(TierLimits limits) {
        this.rateLimitPerSecond = limits.rateLimitPerSecond();
        this.quotaPerDay = limits.quotaPerDay();
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    void clearDefault() {
        this.defaultTier = false;
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

    ObjectiveKind objective() {
        return objective;
    }

    Double accuracyTolerance() {
        return accuracyTolerance;
    }

    Double latencyBudgetMs() {
        return latencyBudgetMs;
    }

    Double deadlineMs() {
        return deadlineMs;
    }

    int priority() {
        return priority;
    }

    String deviceClass() {
        return deviceClass;
    }

    Integer rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    Long quotaPerDay() {
        return quotaPerDay;
    }

    boolean isDefault() {
        return defaultTier;
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
