package io.tierserve.platform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** One recorded change; append-only, so it has no setters. */
@Entity
@Table(name = "audit_events")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    private String actor;

    private String action;

    @Column(name = "target_type")
    private String targetType;

    @Column(name = "target_id")
    private UUID targetId;

    @Column(name = "target_name")
    private String targetName;

    // JSON text written through a cast, so Hibernate needs no JSON library of its own
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String details;

    protected AuditEvent() {}

    AuditEvent(
            UUID tenantId,
            String actor,
            String action,
            String targetType,
            UUID targetId,
            String targetName,
            String details) {
        this.tenantId = tenantId;
        this.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.actor = actor;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.targetName = targetName;
        this.details = details;
    }

    UUID tenantId() {
        return tenantId;
    }

    String actor() {
        return actor;
    }

    String action() {
        return action;
    }

    String targetName() {
        return targetName;
    }

    String details() {
        return details;
    }
}
