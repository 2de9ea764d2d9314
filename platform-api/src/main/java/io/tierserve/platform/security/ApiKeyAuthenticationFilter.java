package io.tierserve.platform.security;

import io.tierserve.platform.apikey.ApiKeyAuthenticator;
import io.tierserve.platform.apikey.ApiKeyPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>}; a key that is unknown, revoked or expired
 * is refused with 401 right here, a request without one goes on as anonymous (and the chain's
 * rules refuse it where a key is needed).
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeyAuthenticator keys;
    private final ProblemResponses problems;

    ApiKeyAuthenticationFilter(ApiKeyAuthenticator keys, ProblemResponses problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeyPrincipal> principal =
                keys.authenticate(header.substring(BEARER.length()).trim());
        if (principal.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"TierServe\", error=\"invalid_token\"");
            problems.write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "Unauthorized",
                    "The API key is unknown, revoked or expired.");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(ApiKeyAuthentication.of(principal.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
