package io.tierserve.platform.cascade;

import io.tierserve.platform.tenant.TenantScopedId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The model file that runs a stage, by location and digest; at most one per stage is current. */
@Entity
@Table(name = "model_artifacts")
@IdClass(TenantScopedId.class)
class ModelArtifact {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    @Column(name = "cascade_id")
    private UUID cascadeId;

    @Column(name = "stage_id")
    private UUID stageId;

    private String format;

    private String engine;

    private String location;

    private String sha256;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    private boolean current;

    @Column(name = "created_at")
    private Instant createdAt;

    protected ModelArtifact() {}

    ModelArtifact(UUID tenantId, UUID cascadeId, UUID stageId, ArtifactRequest request) {
        this.tenantId = tenantId;
        this.id = UUID.randomUUID();
        this.cascadeId = cascadeId;
        this.stageId = stageId;
        this.format = request.format();
        this.engine = request.engine();
        this.location = request.location();
        this.sha256 = request.sha256();
        this.sizeBytes = request.sizeBytes();
        this.current = true;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** An ONNX model uploaded through the API, whose bytes are stored in the database under its id. */
    static ModelArtifact uploaded(UUID tenantId, UUID cascadeId, UUID stageId, String sha256, long sizeBytes) {
        ModelArtifact artifact = new ModelArtifact(
                tenantId, cascadeId, stageId, new ArtifactRequest("ONNX", "OnnxRuntime", "-", sha256, sizeBytes));
        artifact.location = UPLOADED_PREFIX + artifact.id;
        return artifact;
    }

    /** Locations of artifacts whose bytes live in {@code model_artifact_contents}. */
    static final String UPLOADED_PREFIX = "db:";

    boolean uploaded() {
        return location.startsWith(UPLOADED_PREFIX);
    }

    String sha256() {
        return sha256;
    }

    /** Another artifact takes over the stage. */
    void supersede() {
        this.current = false;
    }

    UUID id() {
        return id;
    }

    UUID stageId() {
        return stageId;
    }

    String location() {
        return location;
    }
}
