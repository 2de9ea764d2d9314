package io.tierserve.platform.cascade;

import io.tierserve.platform.tenant.TenantScopedId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ModelArtifactRepository extends JpaRepository<ModelArtifact, TenantScopedId> {

    Optional<ModelArtifact> findByTenantIdAndStageIdAndCurrentTrue(UUID tenantId, UUID stageId);

    List<ModelArtifact> findByTenantIdAndCascadeIdAndCurrentTrue(UUID tenantId, UUID cascadeId);
}
