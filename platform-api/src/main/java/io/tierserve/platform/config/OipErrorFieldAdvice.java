package io.tierserve.platform.config;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Gives every problem detail on {@code /v2} the string field {@code error} that Open Inference
 * Protocol clients read, whichever handler wrote it (a media type refused before any controller ran,
 * a missing path variable, the platform's own exceptions).
 */
@ControllerAdvice
class OipErrorFieldAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && isOip(request.getURI().getPath())) {
            if (problem.getProperties() == null || !problem.getProperties().containsKey("error")) {
                problem.setProperty("error", problem.getDetail() == null ? problem.getTitle() : problem.getDetail());
            }
        }
        return body;
    }

    private static boolean isOip(String path) {
        return path != null && (path.equals("/v2") || path.startsWith("/v2/"));
    }
}
