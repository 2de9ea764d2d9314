package io.tierserve.platform.security;

import io.tierserve.platform.apikey.ApiKeyAuthenticator;
import io.tierserve.platform.tenant.TenantService;
import io.tierserve.platform.user.SessionValidity;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's one security configuration, one filter chain per surface, deny by default.
 *
 * <ul>
 *   <li>{@code /v1/**}, {@code /v2/**}: API keys ({@code Authorization: Bearer}), stateless; only the
 *       Open Inference Protocol's health and server metadata are open.
 *   <li>{@code /api/**}: HTTP Basic for scripts, or a session from {@code POST /api/login} for the
 *       browser, which then needs the CSRF token (cookie {@code XSRF-TOKEN}, header
 *       {@code X-XSRF-TOKEN}); tenant users are confined to their tenant ({@link
 *       TenantIsolationFilter}); viewers only read. An API key with the scope {@code admin:read}
 *       reads its own tenant's resources as a viewer does, and changes nothing.
 *   <li>{@code /actuator/**}: health and info open; Prometheus for the scraper's bearer token
 *       ({@code tierserve.metrics.scrape-token}) and platform admins; the rest for platform admins.
 *   <li>everything else: the static UI and the API description open, anything unknown denied.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ScrapeProperties.class, LoginThrottleProperties.class})
class SecurityConfiguration {

    private static final String[] ALL_ROLES = {"PLATFORM_ADMIN", "TENANT_ADMIN", "TENANT_VIEWER", "DEVELOPER", "AUDITOR"
    };

    /** Every role, and an API key's read scope: who may read a tenant's resources. */
    private static final String[] READERS = Stream.concat(
                    Arrays.stream(ALL_ROLES).map(role -> "ROLE_" + role), Stream.of("SCOPE_admin:read"))
            .toArray(String[]::new);

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt for new hashes; the {id} prefix lets stored hashes move to argon2 later
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LoginThrottle loginThrottle(LoginThrottleProperties properties) {
        return new LoginThrottle(properties);
    }

    @Bean
    ProblemResponses securityProblemResponses(JsonMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    @Order(1)
    SecurityFilterChain publicApiFilterChain(HttpSecurity http, ApiKeyAuthenticator keys, ProblemResponses problems)
            throws Exception {
        http.securityMatcher("/v1/**", "/v2", "/v2/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                HttpMethod.GET, "/v2", "/v2/health/live", "/v2/health/ready")
                        .permitAll()
                        // feedback is about the key's own predictions, so the predict scope covers it
                        .requestMatchers("/v1/cascades/*/predict", "/v1/feedback", "/v2/models/**")
                        .hasAuthority("SCOPE_predict")
                        .requestMatchers("/v1/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems), AuthorizationFilter.class)
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"TierServe\"");
                            problems.write(
                                    request,
                                    response,
                                    HttpStatus.UNAUTHORIZED,
                                    "Unauthorized",
                                    "An API key is required: Authorization: Bearer <key>.");
                        })
                        .accessDeniedHandler((request, response, ex) -> problems.write(
                                request, response, HttpStatus.FORBIDDEN, "Forbidden", "The API key lacks the scope.")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // bearer tokens are never sent by a browser on its own, so there is no CSRF exposure
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> {});
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminApiFilterChain(
            HttpSecurity http,
            TenantService tenants,
            ApiKeyAuthenticator keys,
            SessionValidity sessions,
            LoginThrottle throttle,
            ProblemResponses problems)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"TierServe\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", "Authentication is required.");
        };
        AccessDeniedHandler forbidden = (request, response, ex) ->
                problems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "This account may not do that.");
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/session")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/tenants")
                        .hasAnyRole(ALL_ROLES)
                        .requestMatchers(HttpMethod.GET, "/api/tenants/*", "/api/tenants/*/**")
                        .hasAnyAuthority(READERS)
                        // the tenant itself (rename, delete) is the platform's, its contents the tenant admin's
                        .requestMatchers("/api/tenants/*")
                        .hasRole("PLATFORM_ADMIN")
                        .requestMatchers("/api/tenants/*/**")
                        .hasAnyRole("PLATFORM_ADMIN", "TENANT_ADMIN")
                        .anyRequest()
                        .hasRole("PLATFORM_ADMIN"))
                .httpBasic(basic -> basic.realmName("TierServe").authenticationEntryPoint(unauthorized))
                .formLogin(form -> form.loginProcessingUrl("/api/login")
                        .successHandler((request, response, auth) -> response.setStatus(HttpStatus.NO_CONTENT.value()))
                        .failureHandler((request, response, ex) -> problems.write(
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "Unauthorized",
                                "Wrong user name or password."))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/api/logout")
                        .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                // a key authenticates before the tenant check, which confines it to its own tenant
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems), AuthorizationFilter.class)
                // a password is not even checked while its account or address has failed too often
                .addFilterBefore(
                        new LoginThrottleFilter(throttle, problems), UsernamePasswordAuthenticationFilter.class)
                // a session (or Basic login) whose account was deleted or changed since ends here
                .addFilterBefore(new SessionRevocationFilter(sessions, problems), AuthorizationFilter.class)
                .addFilterBefore(new TenantIsolationFilter(tenants, problems), AuthorizationFilter.class)
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                // Sessions (the browser) need the token; scripts with Basic credentials need none.
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(SecurityConfiguration::needsNoCsrfToken))
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain operationsFilterChain(HttpSecurity http, ProblemResponses problems, ScrapeProperties scrape)
            throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .hasAnyAuthority("ROLE_PLATFORM_ADMIN", ScrapeTokenFilter.AUTHORITY)
                        .anyRequest()
                        .hasRole("PLATFORM_ADMIN"))
                .addFilterBefore(new ScrapeTokenFilter(scrape), AuthorizationFilter.class)
                .httpBasic(basic -> basic.realmName("TierServe").authenticationEntryPoint(basicEntryPoint(problems)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(basicEntryPoint(problems)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain staticFilterChain(HttpSecurity http, ProblemResponses problems) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/",
                                "/index.html",
                                "/login.html",
                                "/console.html",
                                "/favicon.ico",
                                "/*.css",
                                "/*.js",
                                "/webjars/**",
                                "/error")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .httpBasic(basic -> basic.realmName("TierServe").authenticationEntryPoint(basicEntryPoint(problems)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(basicEntryPoint(problems))
                        .accessDeniedHandler((request, response, ex) -> problems.write(
                                request, response, HttpStatus.FORBIDDEN, "Forbidden", "Nothing to see here.")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    private static AuthenticationEntryPoint basicEntryPoint(ProblemResponses problems) {
        return (request, response, ex) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"TierServe\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", "Authentication is required.");
        };
    }

    // CSRF rides on a session cookie: a request with Basic credentials, or with no session at all,
    // has nothing a forged cross-site request could borrow (a forged login only logs the victim
    // into the forger's account, and the login form still needs valid credentials).
    private static boolean needsNoCsrfToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return (header != null && header.regionMatches(true, 0, "Basic ", 0, 6))
                || request.getRequestedSessionId() == null;
    }
}
