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
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "input_shape", columnDefinition = "integer[]")
    private Integer[] inputShape;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] labels;

    @Column(name = "preprocessing_mean")
    private double preprocessingMean;

    @Column(name = "preprocessing_std")
    private double preprocessingStd = 1;

    @Column(name = "stage_output")
    private String stageOutput = ModelInput.LOGITS;

    @Column(name = "input_kind")
    private String inputKind = INPUT_IMAGE;

    @Version
    private Long version;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    /** What callers send: an image (or a tensor in the input layout), only a tensor, or a text. */
    static final String INPUT_IMAGE = "image";

    static final String INPUT_TEXT = "text";

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

    /** What uploaded stage models read and output; {@code null} clears it (models bring their own manifest). */
    void serve(ModelInput input) {
        ModelInput effective = input == null ? ModelInput.NONE : input;
        this.inputShape =
                effective.inputShape() == null ? null : effective.inputShape().toArray(Integer[]::new);
        this.labels = effective.labels() == null ? null : effective.labels().toArray(String[]::new);
        this.preprocessingMean = effective.mean();
        this.preprocessingStd = effective.std();
        this.stageOutput = effective.output();
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    ModelInput modelInput() {
        return new ModelInput(
                inputShape == null ? null : List.of(inputShape),
                labels == null ? null : List.of(labels),
                preprocessingMean,
                preprocessingStd,
                stageOutput);
    }

    void readInput(String kind) {
        this.inputKind = kind == null ? INPUT_IMAGE : kind;
    }

    String inputKind() {
        return inputKind;
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
