package io.tierserve.platform.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's one security configuration: HTTP Basic on {@code /api} and the other actuator
 * endpoints, open health, Prometheus scrape and API description, and everything else denied.
 *
 * <p>Every {@code /api} call needs a platform admin for now; tenant-scoped roles arrive with the
 * security issue (users already carry roles and a tenant).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt for new hashes; the {id} prefix lets stored hashes move to argon2 later
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain apiFilterChain(HttpSecurity http, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, ex) ->
                writeProblem(json, request, response, HttpStatus.UNAUTHORIZED, "Authentication is required.");
        AccessDeniedHandler forbidden = (request, response, ex) ->
                writeProblem(json, request, response, HttpStatus.FORBIDDEN, "This account may not do that.");
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/api/**")
                        .hasRole("PLATFORM_ADMIN")
                        .requestMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/",
                                "/index.html",
                                "/favicon.ico",
                                "/error")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("PLATFORM_ADMIN")
                        .anyRequest()
                        .denyAll())
                .httpBasic(basic -> basic.realmName("TierServe").authenticationEntryPoint(unauthorized))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                // a JSON API for scripts: no sessions, no cookies, so no CSRF exposure
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    private static void writeProblem(
            JsonMapper json, HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetailsAdvice.problem(status, status.getReasonPhrase(), detail, List.of());
        problem.setInstance(URI.create(request.getRequestURI()));
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"TierServe\"");
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
