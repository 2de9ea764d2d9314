package io.tierserve.platform.user;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface UserAccountRepository extends JpaRepository<UserAccount, UUID> {

    Optional<UserAccount> findByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByUsernameIgnoreCase(String username);

    org.springframework.data.domain.Page<UserAccount> findByTenantId(
            UUID tenantId, org.springframework.data.domain.Pageable pageable);

    Optional<UserAccount> findByTenantIdAndUsername(UUID tenantId, String username);
}
