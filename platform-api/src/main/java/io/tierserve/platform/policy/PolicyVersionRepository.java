package io.tierserve.platform.policy;

import io.tierserve.platform.tenant.TenantScopedId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PolicyVersionRepository extends JpaRepository<PolicyVersion, TenantScopedId> {

    Optional<PolicyVersion> findByTenantIdAndCascadeIdAndTierIdAndDeviceClassAndStatus(
            UUID tenantId, UUID cascadeId, UUID tierId, String deviceClass, String status);

    @Query("select coalesce(max(v.versionNumber), 0) from PolicyVersion v where v.tenantId = ?1 and v.cascadeId = ?2"
            + " and v.tierId = ?3 and v.deviceClass = ?4")
    int lastVersionNumber(UUID tenantId, UUID cascadeId, UUID tierId, String deviceClass);

    long countByTenantIdAndCascadeId(UUID tenantId, UUID cascadeId);
}
