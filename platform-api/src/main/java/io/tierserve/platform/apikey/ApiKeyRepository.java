package io.tierserve.platform.apikey;

import io.tierserve.platform.tenant.TenantScopedId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiKeyRepository extends JpaRepository<ApiKey, TenantScopedId> {

    Optional<ApiKey> findByPrefix(String prefix);

    Page<ApiKey> findByTenantId(UUID tenantId, Pageable pageable);

    Optional<ApiKey> findByTenantIdAndName(UUID tenantId, String name);

    boolean existsByTenantIdAndName(UUID tenantId, String name);
}
