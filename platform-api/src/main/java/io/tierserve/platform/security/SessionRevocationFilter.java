package io.tierserve.platform.security;

import io.tierserve.platform.user.SessionValidity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose account was deleted or changed (role, password, tenant) since it logged in:
 * the session is invalidated and the request is a 401, as if it had never logged in.
 */
final class SessionRevocationFilter extends OncePerRequestFilter {

    private final SessionValidity validity;
    private final ProblemResponses problems;

    SessionRevocationFilter(SessionValidity validity, ProblemResponses problems) {
        this.validity = validity;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && !validity.stillValid(authentication.getPrincipal())) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"TierServe\"");
            problems.write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "Unauthorized",
                    "The session has ended: its account was deleted or changed. Log in again.");
            return;
        }
        chain.doFilter(request, response);
    }
}
