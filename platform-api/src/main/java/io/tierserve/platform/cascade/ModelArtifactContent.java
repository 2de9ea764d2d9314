package io.tierserve.platform.cascade;

import io.tierserve.platform.tenant.TenantScopedId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.util.UUID;

/** The bytes of an uploaded model artifact, apart from its row so that artifact queries never load them. */
@Entity
@Table(name = "model_artifact_contents")
@IdClass(TenantScopedId.class)
class ModelArtifactContent {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    @Column(name = "artifact_id")
    private UUID id;

    private byte[] content;

    protected ModelArtifactContent() {}

    ModelArtifactContent(UUID tenantId, UUID artifactId, byte[] content) {
        this.tenantId = tenantId;
        this.id = artifactId;
        this.content = content;
    }

    byte[] content() {
        return content;
    }
}
