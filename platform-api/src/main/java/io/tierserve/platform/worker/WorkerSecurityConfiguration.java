package io.tierserve.platform.worker;

import io.tierserve.platform.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workers' surface {@code /internal/**}: only requests with the shared worker token
 * ({@code Authorization: Bearer <tierserve.workers.token>}) get in; any other is a 401 problem detail
 * and a platform-level audit event {@code worker.auth_failed}. Without a configured token nothing gets in.
 */
@Configuration(proxyBeanMethods = false)
class WorkerSecurityConfiguration {

    static final String WORKER_AUTHORITY = "ROLE_WORKER";

    @Bean
    @Order(0)
    SecurityFilterChain workerFilterChain(
            HttpSecurity http,
            WorkersProperties properties,
            AuditLog audit,
            TransactionTemplate transactions,
            JsonMapper json)
            throws Exception {
        http.securityMatcher("/internal/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(WORKER_AUTHORITY))
                .addFilterBefore(
                        new WorkerTokenFilter(properties, audit, transactions, json), AuthorizationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // a bearer token is never sent by a browser on its own: no CSRF exposure
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /** Checks the worker token; refuses, audits and answers 401 on a wrong or missing one. */
    static final class WorkerTokenFilter extends OncePerRequestFilter {

        private final WorkersProperties properties;
        private final AuditLog audit;
        private final TransactionTemplate transactions;
        private final JsonMapper json;

        WorkerTokenFilter(
                WorkersProperties properties, AuditLog audit, TransactionTemplate transactions, JsonMapper json) {
            this.properties = properties;
            this.audit = audit;
            this.transactions = transactions;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (properties.hasToken() && header != null && matches("Bearer " + properties.token(), header)) {
                SecurityContextHolder.getContext()
                        .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                                "worker", null, List.of(new SimpleGrantedAuthority(WORKER_AUTHORITY))));
                try {
                    chain.doFilter(request, response);
                } finally {
                    SecurityContextHolder.clearContext();
                }
                return;
            }
            String reason = !properties.hasToken()
                    ? "no worker token is configured"
                    : header == null ? "no token" : "wrong token";
            transactions.executeWithoutResult(status -> audit.recordAs(
                    "anonymous",
                    null,
                    "worker.auth_failed",
                    "worker",
                    null,
                    request.getRequestURI(),
                    Map.of("reason", reason, "remoteAddress", request.getRemoteAddr())));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.UNAUTHORIZED,
                    properties.hasToken()
                            ? "The worker token is required: Authorization: Bearer <TIERSERVE_WORKERS_TOKEN>."
                            : "This platform accepts no workers: set TIERSERVE_WORKERS_TOKEN.");
            problem.setTitle("Unauthorized");
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"TierServe workers\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        }

        private static boolean matches(String expected, String given) {
            return MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
        }
    }
}
