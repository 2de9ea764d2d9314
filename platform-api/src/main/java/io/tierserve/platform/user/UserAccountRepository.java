package io.tierserve.platform.user;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface UserAccountRepository extends JpaRepository<UserAccount, UUID> {

    /** A platform account (one with no tenant) by its exact name. */
    @Query("select u from UserAccount u where u.tenantId is null and u.username = ?1")
    Optional<UserAccount> findPlatformAccount(String username);

    /** Whether a platform account has this name, ignoring case. */
    @Query("select count(u) > 0 from UserAccount u where u.tenantId is null and lower(u.username) = lower(?1)")
    boolean platformAccountNamedIgnoringCase(String username);

    /** A tenant user by the tenant's name and the user's exact name, as a login names them. */
    @Query(
            value =
                    "select u.* from users u join tenants t on t.id = u.tenant_id where t.name = ?1 and u.username = ?2",
            nativeQuery = true)
    Optional<UserAccount> findTenantUser(String tenant, String username);

    /** Whether the tenant has a user of this name, ignoring case. */
    boolean existsByTenantIdAndUsernameIgnoreCase(UUID tenantId, String username);

    Page<UserAccount> findByTenantId(UUID tenantId, Pageable pageable);

    Optional<UserAccount> findByTenantIdAndUsername(UUID tenantId, String username);
}
