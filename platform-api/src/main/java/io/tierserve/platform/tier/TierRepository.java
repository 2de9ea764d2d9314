package io.tierserve.platform.tier;

import io.tierserve.platform.tenant.TenantScopedId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface TierRepository extends JpaRepository<Tier, TenantScopedId> {

    Optional<Tier> findByTenantIdAndName(UUID tenantId, String name);

    Optional<Tier> findByTenantIdAndDefaultTierTrue(UUID tenantId);

    boolean existsByTenantIdAndName(UUID tenantId, String name);

    List<Tier> findByTenantIdOrderByName(UUID tenantId);

    Page<Tier> findByTenantId(UUID tenantId, Pageable pageable);
}
