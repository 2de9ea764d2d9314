package io.tierserve.platform.cascade;

import io.tierserve.platform.tenant.TenantScopedId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface CascadeRepository extends JpaRepository<Cascade, TenantScopedId> {

    Optional<Cascade> findByTenantIdAndName(UUID tenantId, String name);

    boolean existsByTenantIdAndName(UUID tenantId, String name);

    Page<Cascade> findByTenantId(UUID tenantId, Pageable pageable);
}
