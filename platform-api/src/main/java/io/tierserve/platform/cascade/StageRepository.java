package io.tierserve.platform.cascade;

import io.tierserve.platform.tenant.TenantScopedId;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface StageRepository extends JpaRepository<Stage, TenantScopedId> {

    List<Stage> findByTenantIdAndCascadeIdOrderByPosition(UUID tenantId, UUID cascadeId);
}
