package io.tierserve.platform.cascade;

import io.tierserve.platform.tenant.TenantScopedId;
import org.springframework.data.jpa.repository.JpaRepository;

interface ModelArtifactContentRepository extends JpaRepository<ModelArtifactContent, TenantScopedId> {}
