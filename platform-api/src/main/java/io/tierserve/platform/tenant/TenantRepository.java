package io.tierserve.platform.tenant;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface TenantRepository extends JpaRepository<Tenant, UUID> {

    Optional<Tenant> findByName(String name);

    boolean existsByName(String name);

    org.springframework.data.domain.Page<Tenant> findById(UUID id, org.springframework.data.domain.Pageable pageable);
}
