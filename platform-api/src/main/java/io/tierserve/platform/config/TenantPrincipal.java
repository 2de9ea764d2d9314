package io.tierserve.platform.config;

import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A caller that may be bound to one tenant (a tenant user, an API key); the database's row-level
 * security and the tenant checks read the binding from here.
 */
public interface TenantPrincipal {

    /** The tenant this caller is confined to, or null when it is not confined (a platform admin). */
    java.util.UUID boundTenantId();

    /** The current caller's tenant binding, or null when there is none (anonymous, platform admin, system). */
    static UUID currentBoundTenant() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof TenantPrincipal principal) {
            return principal.boundTenantId();
        }
        return null;
    }
}
