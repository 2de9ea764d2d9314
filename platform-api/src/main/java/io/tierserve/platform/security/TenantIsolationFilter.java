package io.tierserve.platform.security;

import io.tierserve.platform.config.TenantPrincipal;
import io.tierserve.platform.tenant.TenantService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Confines a tenant-bound caller to its own {@code /api/tenants/{tenant}} subtree: any other
 * tenant's path answers 404, exactly as a tenant that does not exist, so nothing reveals that it
 * does. Runs after authentication and before the role rules, so a viewer probing another tenant
 * with a write also gets 404, not 403.
 */
final class TenantIsolationFilter extends OncePerRequestFilter {

    private static final Pattern TENANT_PATH = Pattern.compile("^/api/tenants/([^/]+)(/.*)?$");

    private final TenantService tenants;
    private final ProblemResponses problems;

    TenantIsolationFilter(TenantService tenants, ProblemResponses problems) {
        this.tenants = tenants;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UUID bound = TenantPrincipal.currentBoundTenant();
        Matcher path = TENANT_PATH.matcher(request.getRequestURI());
        if (bound != null && path.matches()) {
            String tenant = path.group(1);
            Optional<UUID> id = tenants.findIdOf(tenant);
            if (id.isEmpty() || !id.get().equals(bound)) {
                problems.write(
                        request,
                        response,
                        HttpStatus.NOT_FOUND,
                        "Tenant not found",
                        "No tenant named '" + tenant + "'.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
