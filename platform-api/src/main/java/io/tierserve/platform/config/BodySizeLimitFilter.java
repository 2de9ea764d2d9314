package io.tierserve.platform.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds every request body of {@code /v1}, {@code /v2} ({@code tierserve.public-api.max-body-bytes},
 * 16 MiB by default) and {@code /api} ({@code tierserve.api.max-body-bytes}, 32 MiB): a declared
 * {@code Content-Length} over the limit is a 413 before anything reads the body, and the bytes of a
 * body sent without one (chunked) are counted as they stream, so reading stops with a 413 at the
 * first byte past the limit instead of after the whole body.
 *
 * <p>Model uploads keep their own, larger limit ({@code tierserve.models.max-upload-bytes}), which
 * their controller counts the same way; multipart bodies are bounded by the servlet container's
 * multipart limits ({@code spring.servlet.multipart.*}).
 */
@Configuration(proxyBeanMethods = false)
class BodySizeLimitFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> publicApiBodyLimit(
            @Value("${tierserve.public-api.max-body-bytes:16777216}") long maxBytes, JsonMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new Limit(maxBytes, json));
        registration.setName("publicApiBodyLimit");
        registration.addUrlPatterns("/v1/*", "/v2/*");
        // before security: an oversized body is refused before the key is even looked up
        registration.setOrder(-200);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> adminApiBodyLimit(
            @Value("${tierserve.api.max-body-bytes:33554432}") long maxBytes, JsonMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new Limit(maxBytes, json));
        registration.setName("adminApiBodyLimit");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(-200);
        return registration;
    }

    private static final class Limit extends OncePerRequestFilter {

        private final long maxBytes;
        private final JsonMapper json;

        Limit(long maxBytes, JsonMapper json) {
            this.maxBytes = maxBytes;
            this.json = json;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            // a stage's model: its controller enforces the (larger) model limit while it reads
            return request.getRequestURI().endsWith("/model") && "PUT".equals(request.getMethod());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getContentLengthLong() > maxBytes) {
                String detail = "The body has " + request.getContentLengthLong() + " bytes; at most " + maxBytes
                        + " are allowed.";
                byte[] body = RequestBodyTooLargeException.problem(json, detail, request.getRequestURI());
                response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
                response.setContentType(ErrorProblems.CONTENT_TYPE);
                response.setHeader("Connection", "close");
                response.getOutputStream().write(body);
                return;
            }
            chain.doFilter(new LimitedBody(request, maxBytes), response);
        }
    }

    /** The request with an input stream that counts its bytes and fails past the limit. */
    private static final class LimitedBody extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;

        LimitedBody(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        CountingStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                throw new RequestBodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
