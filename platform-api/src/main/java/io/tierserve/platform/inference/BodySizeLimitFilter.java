package io.tierserve.platform.inference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses public API bodies over {@code tierserve.public-api.max-body-bytes} (default 16 MiB) with
 * 413 before anything reads them; a body sent without a length is cut off at the same size (the
 * JSON reader then fails, 400).
 */
@Configuration(proxyBeanMethods = false)
class BodySizeLimitFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> publicApiBodyLimit(
            @Value("${tierserve.public-api.max-body-bytes:16777216}") long maxBytes) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getContentLengthLong() > maxBytes) {
                    String detail = "The body has " + request.getContentLengthLong() + " bytes; at most " + maxBytes
                            + " are allowed.";
                    response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.setHeader("Connection", "close");
                    response.getWriter()
                            .write("{\"type\":\"about:blank\",\"title\":\"Request too large\",\"status\":413,"
                                    + "\"detail\":\"" + detail + "\",\"error\":\"" + detail + "\"}");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/v1/*", "/v2/*");
        // before security: an oversized body is refused before the key is even looked up
        registration.setOrder(-200);
        return registration;
    }
}
