package io.tierserve.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the metrics scraper by its bearer token ({@code tierserve.metrics.scrape-token}):
 * it may read {@code /actuator/prometheus} and nothing else. Metric series are labelled with every
 * tenant's, cascade's and tier's names and carry per-tenant traffic, so they are not public.
 */
final class ScrapeTokenFilter extends OncePerRequestFilter {

    static final String AUTHORITY = "SCOPE_metrics:read";

    private final byte[] token;

    ScrapeTokenFilter(ScrapeProperties properties) {
        this.token = properties.tokenSet() ? properties.scrapeToken().getBytes(StandardCharsets.UTF_8) : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (token != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
            // constant time: the comparison must not tell a guesser how much of the token was right
            if (MessageDigest.isEqual(presented, token)) {
                SecurityContextHolder.getContext()
                        .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                                "metrics-scraper", null, List.of(new SimpleGrantedAuthority(AUTHORITY))));
            }
        }
        chain.doFilter(request, response);
    }
}
