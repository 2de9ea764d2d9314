package io.tierserve.platform.security;

import io.tierserve.platform.config.TenantPrincipal;
import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the browser is logged in as, and the CSRF token its next change must carry (reading it here
 * also sets the {@code XSRF-TOKEN} cookie, so a login form can call this first).
 */
@RestController
class SessionController {

    record Session(
            boolean authenticated,
            String username,
            List<String> roles,
            UUID tenantId,
            String csrfHeader,
            String csrfToken) {}

    @GetMapping("/api/session")
    Session session(Authentication authentication, CsrfToken csrf) {
        boolean known = authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        return new Session(
                known,
                known ? authentication.getName() : null,
                known
                        ? authentication.getAuthorities().stream()
                                .map(GrantedAuthority::getAuthority)
                                .toList()
                        : List.of(),
                known && authentication.getPrincipal() instanceof TenantPrincipal p ? p.boundTenantId() : null,
                csrf == null ? null : csrf.getHeaderName(),
                csrf == null ? null : csrf.getToken());
    }
}
