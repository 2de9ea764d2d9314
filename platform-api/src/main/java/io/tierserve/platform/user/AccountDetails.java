package io.tierserve.platform.user;

import io.tierserve.platform.config.TenantPrincipal;
import java.util.Collection;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A logged-in account; a tenant user is bound to its tenant, a platform admin to none. */
final class AccountDetails extends User implements TenantPrincipal {

    private static final long serialVersionUID = 1L;

    private final UUID tenantId;

    AccountDetails(
            String username,
            String password,
            boolean enabled,
            Collection<? extends GrantedAuthority> authorities,
            UUID tenantId) {
        super(username, password, enabled, true, true, true, authorities);
        this.tenantId = tenantId;
    }

    @Override
    public UUID boundTenantId() {
        return tenantId;
    }
}
