package io.tierserve.platform.inference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tierserve.platform.apikey.ApiKeyAuthenticator;
import io.tierserve.platform.apikey.ApiKeyPrincipal;
import io.tierserve.platform.apikey.ApiKeyService;
import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inference fast lane: serves {@code POST /v1/cascades/{cascade}/predict} straight from the
 * servlet filter chain, ahead of Spring Security's filter chain and Spring MVC's dispatch, for the
 * requests that make up nearly all inference traffic: a JSON body and a valid API key with the
 * {@code predict} scope.
 *
 * <p>Why: on a request whose model takes a tenth of a millisecond, the generic web stack (a dozen
 * observed security filters, handler lookup, argument resolution, message-converter negotiation)
 * cost several times the platform's own work. The lane does only what this endpoint needs:
 *
 * <ul>
 *   <li>takes only bodies with a declared {@code Content-Length} within the public API's body limit,
 *       so it reads a bounded body without the body-size filter's counting stream;
 *   <li>authenticates the key against the serving snapshot (the same {@link ApiKeyAuthenticator#authenticate})
 *       and passes the key's principal on explicitly (nothing on this path reads a security context);
 *   <li>reads the body's common form (one tensor) with {@link PlainPredictBody}, any other body with
 *       the application's strict JSON mapper;
 *   <li>checks the request's Bean Validation constraints by hand, and runs the validator only to
 *       name what is wrong;
 *   <li>answers through {@link PublicPredictions#answer}, the one path {@link PublicPredictController}
 *       also takes;
 *   <li>writes the same problem details ({@link Problems}) and the same security headers;
 *   <li>records each answer in {@code http.server.requests} with the tags Spring's HTTP server
 *       observation would give it, from a timer per status (the lane runs ahead of that observation).
 * </ul>
 *
 * <p>Anything else is passed on untouched, with its body unread, to the regular chain, which stays
 * the reference for every refusal that happens before the body is read: a missing, unknown or
 * under-scoped key (401, 403), a body that is not JSON (415), an {@code Accept} this endpoint cannot
 * answer (406), a path the firewall refuses. Switched off with {@code tierserve.inference.fast-lane=false}.
 */
final class PredictFastLane extends HttpFilter {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The endpoint's path pattern, as Spring MVC maps it (and as metrics tag it). */
    static final String PATH_PATTERN = "/v1/cascades/{cascade}/predict";

    private static final Logger log = LoggerFactory.getLogger(PredictFastLane.class);
    private static final String PREFIX = "/v1/cascades/";
    private static final String SUFFIX = "/predict";
    private static final String BEARER = "Bearer ";
    private static final int MAX_NAME = 63;

    // what Spring Security's default header writers add to every response of the API chains
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options",
            "nosniff",
            "X-XSS-Protection",
            "0",
            HttpHeaders.CACHE_CONTROL,
            "no-cache, no-store, max-age=0, must-revalidate",
            HttpHeaders.PRAGMA,
            "no-cache",
            HttpHeaders.EXPIRES,
            "0",
            "X-Frame-Options",
            "DENY");

    private final transient ApiKeyAuthenticator keys;
    private final transient PublicPredictions predictions;
    private final transient JsonMapper json;
    private final transient ObjectReader reader;
    private final transient Validator validator;
    private final transient MeterRegistry meters;
    private final long maxBodyBytes;
    private final transient Map<Integer, Timer> timers = new ConcurrentHashMap<>();

    PredictFastLane(
            ApiKeyAuthenticator keys,
            PublicPredictions predictions,
            JsonMapper json,
            Validator validator,
            MeterRegistry meters,
            long maxBodyBytes) {
        this.keys = keys;
        this.predictions = predictions;
        this.json = json;
        this.reader = json.readerFor(PublicPredictRequest.class);
        this.validator = validator;
        this.meters = meters;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        String cascade = cascadeOf(request);
        long length = request.getContentLengthLong();
        // a body without a declared length (chunked), or past the limit, is the regular chain's:
        // its body-size filter counts the bytes as they stream or answers 413
        Optional<ApiKeyPrincipal> key = cascade != null && length >= 0 && length <= maxBodyBytes && plainJson(request)
                ? predictor(request)
                : Optional.empty();
        if (key.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        serve(key.get(), cascade, (int) length, request, response);
        timer(response.getStatus()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /**
     * The {@code http.server.requests} timer of an answer with this status, tagged as Spring's HTTP
     * server observation tags the requests it sees (the lane runs before it, to spare every request
     * the observation's per-request bookkeeping).
     */
    private Timer timer(int status) {
        return timers.computeIfAbsent(
                status,
                code -> Timer.builder("http.server.requests")
                        .tags(
                                "method",
                                "POST",
                                "uri",
                                PATH_PATTERN,
                                "status",
                                Integer.toString(code),
                                "outcome",
                                HttpStatus.Series.valueOf(code) == HttpStatus.Series.SUCCESSFUL
                                        ? "SUCCESS"
                                        : HttpStatus.Series.valueOf(code) == HttpStatus.Series.CLIENT_ERROR
                                                ? "CLIENT_ERROR"
                                                : "SERVER_ERROR",
                                "exception",
                                "none",
                                "error",
                                "none")
                        .register(meters));
    }

    private void serve(
            ApiKeyPrincipal key, String cascade, int length, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        PublicPredictRequest body;
        try {
            // at most the declared length, which is within the limit; a body cut short reads as malformed
            byte[] bytes = request.getInputStream().readNBytes(length);
            body = PlainPredictBody.read(bytes, bytes.length);
            if (body == null) {
                body = reader.readValue(bytes);
            }
        } catch (JacksonException e) {
            problem(request, response, Problems.malformedBody(e), Map.of());
            return;
        }
        if (body == null) {
            problem(request, response, Problems.malformedBody(null), Map.of());
            return;
        }
        if (!body.plainlyValid()) {
            BeanPropertyBindingResult errors = new BeanPropertyBindingResult(body, "publicPredictRequest");
            validator.validate(body, errors);
            if (errors.hasErrors()) {
                problem(request, response, Problems.invalid(errors), Map.of());
                return;
            }
        }
        PublicPredictions.Answer answer;
        try {
            answer = predictions.answer(key, cascade, request.getHeader(PublicPredictController.TIER_HEADER), body);
        } catch (ApiException e) {
            problem(request, response, Problems.of(e), e.headers());
            return;
        } catch (RuntimeException e) {
            log.error("Unexpected error", e);
            problem(
                    request,
                    response,
                    Problems.problem(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            "Internal Server Error",
                            "An unexpected error occurred.",
                            List.of()),
                    Map.of());
            return;
        }
        byte[] bytes = json.writeValueAsBytes(answer.body());
        response.setStatus(HttpStatus.OK.value());
        SECURITY_HEADERS.forEach(response::setHeader);
        response.setHeader(PublicPredictController.REQUEST_ID_HEADER, answer.requestIds());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private void problem(
            HttpServletRequest request,
            HttpServletResponse response,
            ProblemDetail problem,
            Map<String, String> headers)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        byte[] bytes = json.writeValueAsBytes(problem);
        response.setStatus(problem.getStatus());
        SECURITY_HEADERS.forEach(response::setHeader);
        headers.forEach(response::setHeader);
        response.setContentType(Problems.CONTENT_TYPE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The cascade of a {@code POST} to the predict path, if the path is in its plain form; else null. */
    static String cascadeOf(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !request.getContextPath().isEmpty()) {
            return null;
        }
        String path = request.getRequestURI();
        int end = path.length() - SUFFIX.length();
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || end - PREFIX.length() > MAX_NAME) {
            return null;
        }
        for (int i = PREFIX.length(); i < end; i++) {
            char c = path.charAt(i);
            // a resource name: lower-case letters, digits and hyphens; anything else (an escape, a
            // path parameter, a dot segment) goes to the regular chain and its firewall
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return null;
            }
        }
        return end > PREFIX.length() ? path.substring(PREFIX.length(), end) : null;
    }

    /** A JSON body in UTF-8 (the default), and an answer in JSON acceptable to the caller. */
    static boolean plainJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !isJsonType(type)) {
            return false;
        }
        String encoding = request.getCharacterEncoding();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept == null
                || accept.contains("*/*")
                || accept.contains("application/*")
                || accept.contains(MediaType.APPLICATION_JSON_VALUE);
    }

    private static boolean isJsonType(String type) {
        String json = MediaType.APPLICATION_JSON_VALUE;
        if (!type.regionMatches(true, 0, json, 0, json.length())) {
            return false;
        }
        return type.length() == json.length() || type.charAt(json.length()) == ';' || type.charAt(json.length()) == ' ';
    }

    /** The key's principal when the request carries a valid key with the predict scope. */
    private Optional<ApiKeyPrincipal> predictor(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return keys.authenticate(header.substring(BEARER.length()).trim())
                .filter(principal -> principal.scopes().contains(ApiKeyService.PREDICT));
    }
}
