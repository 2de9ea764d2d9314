package io.tierserve.platform.apikey;

import io.tierserve.platform.tenant.TenantScopedId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiKeyRepository extends JpaRepository<ApiKey, TenantScopedId> {

    Optional<ApiKey> findByPrefix(String prefix);

    Page<ApiKey> findByTenantId(UUID tenantId, Pageable pageable);

    Optional<ApiKey> findByTenantIdAndName(UUID tenantId, String name);

    boolean existsByTenantIdAndName(UUID tenantId, String name);

    /** Marks the key used, at most once per ten seconds, so busy keys cost no write per request. */
    @Modifying
    @Query(
            value = "update api_keys set last_used_at = now() where tenant_id = :tenantId and id = :id"
                    + " and (last_used_at is null or last_used_at < now() - interval '10 seconds')",
            nativeQuery = true)
    int touch(UUID tenantId, UUID id);
}
