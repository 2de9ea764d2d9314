package io.tierserve.platform.security;

import io.tierserve.platform.apikey.ApiKeyPrincipal;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The authentication an accepted API key stands for: its principal, with one authority per scope. */
public final class ApiKeyAuthentication {

    /** The authority prefix of a key's scopes ({@code SCOPE_predict}). */
    public static final String SCOPE_PREFIX = "SCOPE_";

    private ApiKeyAuthentication() {}

    public static Authentication of(ApiKeyPrincipal principal) {
        List<SimpleGrantedAuthority> authorities = principal.scopes().stream()
                .map(scope -> new SimpleGrantedAuthority(SCOPE_PREFIX + scope))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }
}
