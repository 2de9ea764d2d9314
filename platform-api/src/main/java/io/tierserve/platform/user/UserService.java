package io.tierserve.platform.user;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.config.PageResponse;
import io.tierserve.platform.tenant.TenantService;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's users: created by its admins (or a platform admin), audited in the same transaction.
 * User names are scoped per tenant; a tenant user signs in as {@code <tenant>/<user name>}.
 */
@Service
class UserService {

    private final UserAccountRepository accounts;
    private final TenantService tenants;
    private final PasswordEncoder passwords;
    private final AuditLog audit;

    UserService(UserAccountRepository accounts, TenantService tenants, PasswordEncoder passwords, AuditLog audit) {
        this.accounts = accounts;
        this.tenants = tenants;
        this.passwords = passwords;
        this.audit = audit;
    }

    @Transactional
    UserResponse create(String tenant, UserRequest request) {
        UUID tenantId = tenants.idOf(tenant);
        // A name is the tenant's own: only its own users can make it taken, so the answer never says
        // whether another tenant has a user of this name. A platform account's name (ignoring case)
        // is reserved in every tenant, so that no tenant user looks like a platform account.
        if (accounts.platformAccountNamedIgnoringCase(request.username())) {
            throw UsernameReservedException.forName(request.username());
        }
        // ignoring case: older accounts may have upper-case names, and a look-alike must not pass for them
        if (accounts.existsByTenantIdAndUsernameIgnoreCase(tenantId, request.username())) {
            throw UsernameTakenException.forName(request.username());
        }
        UserAccount account = accounts.save(UserAccount.tenantUser(
                tenantId, request.username(), passwords.encode(request.password()), Role.valueOf(request.role())));
        audit.record(
                tenantId, "user.created", "user", account.id(), account.username(), Map.of("role", request.role()));
        return UserResponse.of(account, tenant);
    }

    @Transactional(readOnly = true)
    PageResponse<UserResponse> list(String tenant, int page, int size) {
        return PageResponse.of(
                accounts.findByTenantId(tenants.idOf(tenant), PageRequest.of(page, size, Sort.by("username"))),
                account -> UserResponse.of(account, tenant));
    }

    /** Changes a user's password and/or role; either ends every session of the user. */
    @Transactional
    UserResponse update(String tenant, String username, UserUpdate update) {
        UUID tenantId = tenants.idOf(tenant);
        UserAccount account = accounts.findByTenantIdAndUsername(tenantId, username)
                .orElseThrow(() -> UserNotFoundException.forName(tenant, username));
        account.change(
                update.password() == null ? null : passwords.encode(update.password()),
                update.role() == null ? null : Role.valueOf(update.role()));
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("passwordChanged", update.password() != null);
        if (update.role() != null) {
            details.put("role", update.role());
        }
        audit.record(tenantId, "user.updated", "user", account.id(), account.username(), details);
        return UserResponse.of(accounts.saveAndFlush(account), tenant);
    }

    @Transactional
    void delete(String tenant, String username) {
        UUID tenantId = tenants.idOf(tenant);
        UserAccount account = accounts.findByTenantIdAndUsername(tenantId, username)
                .orElseThrow(() -> UserNotFoundException.forName(tenant, username));
        accounts.delete(account);
        audit.record(tenantId, "user.deleted", "user", account.id(), account.username(), Map.of());
    }
}
