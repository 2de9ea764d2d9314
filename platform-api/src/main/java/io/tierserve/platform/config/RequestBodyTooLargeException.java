package io.tierserve.platform.config;

import java.io.IOException;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** A request body grew past its limit while it was read (413); whatever wraps it, its cause tells. */
public final class RequestBodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    RequestBodyTooLargeException(long maxBytes) {
        super("The body is larger than the " + maxBytes + " bytes allowed.");
    }

    /** The one in {@code ex}'s causes, if any. */
    public static RequestBodyTooLargeException in(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    static ProblemDetail problem(String detail) {
        return Problems.tooLarge(detail);
    }

    static byte[] problem(JsonMapper json, String detail, String path) {
        ProblemDetail problem = problem(detail);
        if (path.equals("/v2") || path.startsWith("/v2/")) {
            problem.setProperty("error", detail);
        }
        return json.writeValueAsBytes(problem);
    }
}
